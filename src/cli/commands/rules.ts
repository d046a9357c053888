import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
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
    const { rules, findRule } = await import('../../rules/index.js');
    if (args.id) {
      const rule = findRule(args.id);
      if (!rule) {
        const { suggest } = await import('../../config/validate.js');
        const hint = suggest(
          args.id,
          rules.map((r) => r.id),
        );
        throw new RolemarkError(
          `Unknown rule \`${args.id}\`${hint ? `; did you mean \`${hint}\`?` : '.'} Run \`rolemark rules\` for the list.`,
        );
      }
      const { ruleSection } = await import('../../rules/docs.js');
      ctx.io.stdout(ruleSection(rule));
      return;
    }
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const rule of rules) {
      ctx.io.stdout(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description}\n`);
    }
  },
});
