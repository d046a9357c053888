import type { Scheme, SchemeCode } from './types.js';

/**
 * Built-in responsibility schemes. Fill colours follow the Okabe–Ito palette, lightened so that
 * the dark letter printed in every cell stays readable: the letter, not the colour, carries the
 * meaning (greyscale printing, colour-blind readers).
 */
const C = {
  blue: '#8CC8EE',
  orange: '#F4B860',
  yellow: '#F2E68C',
  grey: '#D9D9D9',
  green: '#9ED9BF',
  purple: '#D8B4E2',
  vermilion: '#F2A58E',
  white: '#F4F6F8',
};

const code = (
  code: string,
  label: string,
  color: string,
  description: string,
  cardinality?: SchemeCode['cardinality'],
): SchemeCode =>
  cardinality ? { code, label, color, description, cardinality } : { code, label, color, description };

/**
 * The four codes RACI and its variants (RASCI, RACI-VS, CAIRO) share, with one meaning each; frozen,
 * as one object stands in several schemes.
 */
const RESPONSIBLE = Object.freeze(code('R', 'Responsible', C.blue, 'Does the work'));
const ACCOUNTABLE = Object.freeze(
  code('A', 'Accountable', C.orange, 'Owns the outcome and signs off', { min: 1, max: 1 }),
);
const CONSULTED = Object.freeze(code('C', 'Consulted', C.yellow, 'Gives input before the work'));
const INFORMED = Object.freeze(code('I', 'Informed', C.grey, 'Is kept up to date'));

export const RACI: Scheme = {
  name: 'RACI',
  codes: [RESPONSIBLE, ACCOUNTABLE, CONSULTED, INFORMED],
  accountable: 'A',
  doer: 'R',
};

export const RASCI: Scheme = {
  name: 'RASCI',
  codes: [
    RESPONSIBLE,
    ACCOUNTABLE,
    code('S', 'Support', C.green, 'Helps the responsible role do the work'),
    CONSULTED,
    INFORMED,
  ],
  accountable: 'A',
  doer: 'R',
};

export const RACI_VS: Scheme = {
  name: 'RACI-VS',
  codes: [
    RESPONSIBLE,
    ACCOUNTABLE,
    CONSULTED,
    INFORMED,
    code('V', 'Verifier', C.purple, 'Checks the result against the criteria'),
    code('S', 'Signatory', C.vermilion, 'Approves the result and signs it'),
  ],
  accountable: 'A',
  doer: 'R',
};

export const CAIRO: Scheme = {
  name: 'CAIRO',
  codes: [
    RESPONSIBLE,
    ACCOUNTABLE,
    CONSULTED,
    INFORMED,
    code('O', 'Out of the loop', C.white, 'Deliberately not involved'),
  ],
  accountable: 'A',
  doer: 'R',
};

export const DACI: Scheme = {
  name: 'DACI',
  codes: [
    code('D', 'Driver', C.blue, 'Drives the work and the decision forward', { min: 1, max: 1 }),
    code('A', 'Approver', C.orange, 'Makes the final decision', { min: 1, max: 1 }),
    code('C', 'Contributor', C.yellow, 'Contributes knowledge and input'),
    code('I', 'Informed', C.grey, 'Is told about the decision'),
  ],
  accountable: 'A',
  doer: 'D',
};

export const RAPID: Scheme = {
  name: 'RAPID',
  codes: [
    code('R', 'Recommend', C.green, 'Proposes the decision, gathering input'),
    code('A', 'Agree', C.purple, 'Must agree before the decision moves on'),
    code('P', 'Perform', C.blue, 'Carries the decision out'),
    code('I', 'Input', C.yellow, 'Is consulted on the recommendation'),
    code('D', 'Decide', C.orange, 'Makes the decision and commits to it', { min: 1, max: 1 }),
  ],
  accountable: 'D',
  doer: 'P',
};

const BUILT_IN: readonly Scheme[] = [RACI, RASCI, RACI_VS, CAIRO, DACI, RAPID];

const key = (name: string) =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-');

/** Looks a built-in scheme up by name, without regard to case (`raci-vs`, `RACI VS`); undefined when none. */
export function findScheme(name: string): Scheme | undefined {
  return BUILT_IN.find((s) => key(s.name) === key(name));
}

export function schemeNames(): string[] {
  return BUILT_IN.map((s) => s.name);
}

export function builtInSchemes(): readonly Scheme[] {
  return BUILT_IN;
}

/** The label of a code in a scheme, or the code itself. */
export function codeLabel(scheme: Scheme, code: string): string {
  return scheme.codes.find((c) => c.code === code)?.label ?? code;
}

/** A custom scheme by name, without regard to case (`decision` finds `Decision`). */
export function findCustomScheme(name: string, schemes: readonly Scheme[] | undefined): Scheme | undefined {
  return schemes?.find((s) => key(s.name) === key(name));
}
