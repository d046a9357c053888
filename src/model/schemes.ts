import type { Scheme } from './types.js';

/**
 * Fill colours follow the Okabe–Ito palette, lightened so that the dark letter printed in every
 * cell stays readable; the letter, not the colour, carries the meaning.
 */
export const RACI: Scheme = {
  name: 'RACI',
  codes: [
    { code: 'R', label: 'Responsible', color: '#8CC8EE', description: 'Does the work' },
    { code: 'A', label: 'Accountable', color: '#F4B860', description: 'Owns the outcome and signs off' },
    { code: 'C', label: 'Consulted', color: '#F2E68C', description: 'Gives input before the work' },
    { code: 'I', label: 'Informed', color: '#D9D9D9', description: 'Is kept up to date' },
  ],
  accountable: 'A',
  doer: 'R',
};

const BUILT_IN: Record<string, Scheme> = { RACI };

/** Looks a scheme up by name, without regard to case; undefined when there is none. */
export function findScheme(name: string): Scheme | undefined {
  return BUILT_IN[name.trim().toUpperCase()];
}

export function schemeNames(): string[] {
  return Object.keys(BUILT_IN);
}

/** The label of a code in a scheme, or the code itself. */
export function codeLabel(scheme: Scheme, code: string): string {
  return scheme.codes.find((c) => c.code === code)?.label ?? code;
}
