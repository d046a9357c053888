import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import { didYouMean } from '../../model/did-you-mean.js';
import type { CommandContext } from '../io.js';

export const rulesCommand = (ctx: CommandContext) => ({
  command: 'rules [id]',
  describe: 'List every rule (id, default severity, description), or explain one rule',
  builder: (a: Argv) =>
    a
      .positional('id', { type: 'string', describe: 'A rule id: print its documentation' })
      .example('$0 rules', 'Every rule')
      .example('$0 rules role-overloaded', 'Why the rule exists, how to fix what it reports, its options'),
  handler: async (args: { id?: string }) => {
    const { rules, findRule, ruleDocs } = await import('../../lint.js');
    if (args.id) {
      const rule = findRule(args.id);
      if (!rule) {
        const hint = didYouMean(
          args.id,
          rules.map((r) => r.id),
        );
        throw new RolemarkError(
          `Unknown rule \`${args.id}\`${hint ? `; did you mean \`${hint}\`?` : '.'} Run \`rolemark rules\` for the list.`,
        );
      }
      ctx.io.stdout(ruleDocs(rule));
      return;
    }
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const rule of rules) {
      ctx.io.stdout(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description}\n`);
    }
  },
});
