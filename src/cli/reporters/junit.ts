import type { Diagnostic } from '../../index.js';
import { formatPlain } from './plain.js';
import type { Reporter } from './types.js';

/** Text for an XML attribute or element: the five entities, and no control characters. */
const xml = (s: string): string =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids them; they are dropped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');

/**
 * JUnit XML, as CI servers (GitLab, Jenkins, Azure) show test reports: a test suite per file, a
 * test case per diagnostic, failing for errors and warnings; infos are passing cases with their
 * message as output. A clean run is one passing case, so that the report is never empty.
 */
export const junit: Reporter = (diagnostics, ctx) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const suites: string[] = [];
  for (const [file, list] of byFile) {
    const failures = list.filter((d) => d.severity !== 'info').length;
    const cases = list.map((d) => {
      const name = xml(`${d.line}:${d.column} ${d.ruleId}`);
      const head = `    <testcase classname="${xml(file)}" name="${name}">`;
      const body =
        d.severity === 'info'
          ? `      <system-out>${xml(d.message)}</system-out>`
          : `      <failure type="${d.severity}" message="${xml(d.message)}">${xml(formatPlain(d))}</failure>`;
      return `${head}\n${body}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  if (suites.length === 0) {
    suites.push(
      `  <testsuite name="rolemark" tests="1" failures="0" errors="0">\n    <testcase classname="rolemark" name="${ctx.files} file${ctx.files === 1 ? '' : 's'} checked"/>\n  </testsuite>`,
    );
  }
  const failures = diagnostics.filter((d) => d.severity !== 'info').length;
  const tests = Math.max(1, diagnostics.length);
  return {
    stdout: `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rolemark" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`,
    stderr: '',
  };
};
