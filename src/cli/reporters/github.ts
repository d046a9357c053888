import { counts, plural, type Reporter } from './types.js';

/** GitHub's workflow commands escape `%`, CR and LF in the message… */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** …and also `:` and `,` in property values. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub Actions annotations: `::error file=…,line=…,col=…,title=rule-id::message`, which GitHub
 * shows on the lines of the pull request. Infos become notices.
 */
export const github: Reporter = (diagnostics) => {
  const lines = diagnostics.map((d) => {
    const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`];
    if (d.endLine !== undefined && d.endColumn !== undefined) {
      props.push(`endLine=${d.endLine}`);
      // GitHub uses endColumn only on one-line annotations.
      if (d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
    }
    props.push(`title=${escapeProperty(d.ruleId)}`);
    return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
  });
  const c = counts(diagnostics);
  return {
    stdout: lines.join(''),
    stderr: `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}\n`,
  };
};
