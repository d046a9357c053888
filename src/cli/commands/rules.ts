import type { CommandContext } from '../io.js';

export const rulesCommand = (ctx: CommandContext) => ({
  command: 'rules',
  describe: 'List every rule: id, default severity, description',
  handler: async () => {
    const { rules } = await import('../../rules/index.js');
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const rule of rules) {
      ctx.io.stdout(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description}\n`);
    }
  },
});
