import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/read/load.js';

/** Shared-responsibility models (src/read/contexts.ts): one column per service model, parties in the cells. */
const read = (text: string) => loadSources([{ file: 'c.md', text }]);

describe('shared-responsibility models', () => {
  it('reads service-model columns as groups and the party in a cell as Responsible', () => {
    const model = read(
      [
        '| Layer | IaaS | PaaS | SaaS |',
        '|---|---|---|---|',
        '| Data | Customer | Customer | Customer |',
        '| Runtime | Customer | Provider | Provider |',
      ].join('\n'),
    );
    expect(model.roles.map((r) => r.name)).toEqual(['Customer', 'Provider']);
    expect(model.activities.map((a) => `${a.group}/${a.name}`)).toEqual([
      'IaaS/Data',
      'IaaS/Runtime',
      'PaaS/Data',
      'PaaS/Runtime',
      'SaaS/Data',
      'SaaS/Runtime',
    ]);
    expect(model.activities[3]?.assignments).toMatchObject([{ role: 'provider', codes: ['R'] }]);
    expect(model.diagnostics).toEqual([]);
  });

  it('reads `Shared` as R for every party, and says so once', () => {
    const model = read(
      [
        '| Area | Cloud A | Cloud B |',
        '|---|---|---|',
        '| Keys | Us | Shared |',
        '| Disks | Them | Shared |',
      ].join('\n'),
    );
    expect(
      model.activities.find((a) => a.group === 'Cloud B' && a.name === 'Keys')?.assignments,
    ).toMatchObject([
      { role: 'us', codes: ['R'], note: 'shared' },
      { role: 'them', codes: ['R'], note: 'shared' },
    ]);
    expect(model.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['ambiguous-reading', 3, 15],
    ]);
  });

  it('leaves other tables of names to the usual readers', () => {
    // Names under role-like headers, and a status table: neither says Shared nor names service models.
    const owners = read(
      [
        '| Activity | Owner | Backup |',
        '|---|---|---|',
        '| Deploy | Ana | Bo |',
        '| Review | Bo | Ana |',
      ].join('\n'),
    );
    expect(owners.activities.every((a) => a.group === null)).toBe(true);
    const status = read(
      [
        '| Item | Week 1 | Week 2 |',
        '|---|---|---|',
        '| Docs | Done | Open |',
        '| Tests | Open | Done |',
      ].join('\n'),
    );
    expect(status.activities).toEqual([]);
    // A cell holding a code makes it a RACI chart, read as roles as columns.
    const raci = read(
      ['| Layer | IaaS | SaaS |', '|---|---|---|', '| Data | R | Shared |', '| OS | A | C |'].join('\n'),
    );
    expect(raci.roles.map((r) => r.name)).toEqual(['IaaS', 'SaaS']);
  });
});
