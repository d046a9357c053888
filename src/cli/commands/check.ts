import type { Argv } from 'yargs';
import { type CommandContext, formatDiagnostic, summary } from '../io.js';
import { withInputs } from './inputs.js';

export const checkCommand = (ctx: CommandContext) => ({
  command: 'check [inputs..]',
  describe: 'Check the content and print diagnostics; exit 1 when there are errors',
  builder: (a: Argv) => withInputs(a).example('$0 check content/', 'Lint every Markdown file under content/'),
  handler: async (args: { inputs: string[] }) => {
    const { load, check } = await import('../../index.js');
    const diagnostics = check(await load(args.inputs));
    for (const d of diagnostics) ctx.io.stdout(`${formatDiagnostic(d)}\n`);
    ctx.io.stderr(`${summary(diagnostics)}\n`);
    if (diagnostics.some((d) => d.severity === 'error')) ctx.setExitCode(1);
  },
});
