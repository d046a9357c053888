import { repositoryUrl, version } from '../../workflow/package.js';
import type { Reporter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Where a rule's documentation lives, for code scanning's "rule help" link. */
const DOCS = `${repositoryUrl}/blob/main/docs/rules.md`;

/**
 * SARIF 2.1.0, the format GitHub code scanning uploads (`github/codeql-action/upload-sarif`):
 * one run, one result per diagnostic with its rule, level and region (1-based, as SARIF's
 * default columnKind `utf16CodeUnits` counts), and the rules that occur, each with a help link.
 */
export const sarif: Reporter = (diagnostics) => {
  const ruleIds = [...new Set(diagnostics.map((d) => d.ruleId))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rolemark',
            version,
            informationUri: repositoryUrl,
            rules: ruleIds.map((id) => ({ id, helpUri: `${DOCS}#${id}` })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: ruleIds.indexOf(d.ruleId),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('\\').join('/') },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine !== undefined && d.endColumn !== undefined
                    ? { endLine: d.endLine, endColumn: d.endColumn }
                    : {}),
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return { stdout: `${JSON.stringify(log, null, 2)}\n`, stderr: '' };
};
