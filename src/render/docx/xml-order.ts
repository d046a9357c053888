/**
 * Puts the children of WordprocessingML property elements in the order the schema's sequences
 * want. Word reads styles in any order, so templates in the wild (pandoc's own reference.docx
 * among them) often have `qFormat` after `pPr` or `bCs` after `i`; a validator rejects that, and
 * rolemark promises documents that validate, whatever reference they were made with.
 */

const ORDERS: Record<string, readonly string[]> = {
  'w:style': [
    'w:name',
    'w:aliases',
    'w:basedOn',
    'w:next',
    'w:link',
    'w:autoRedefine',
    'w:hidden',
    'w:uiPriority',
    'w:semiHidden',
    'w:unhideWhenUsed',
    'w:qFormat',
    'w:locked',
    'w:personal',
    'w:personalCompose',
    'w:personalReply',
    'w:rsid',
    'w:pPr',
    'w:rPr',
    'w:tblPr',
    'w:trPr',
    'w:tcPr',
    'w:tblStylePr',
  ],
  'w:tblStylePr': ['w:pPr', 'w:rPr', 'w:tblPr', 'w:trPr', 'w:tcPr'],
  'w:rPr': [
    'w:rStyle',
    'w:rFonts',
    'w:b',
    'w:bCs',
    'w:i',
    'w:iCs',
    'w:caps',
    'w:smallCaps',
    'w:strike',
    'w:dstrike',
    'w:outline',
    'w:shadow',
    'w:emboss',
    'w:imprint',
    'w:noProof',
    'w:snapToGrid',
    'w:vanish',
    'w:webHidden',
    'w:color',
    'w:spacing',
    'w:w',
    'w:kern',
    'w:position',
    'w:sz',
    'w:szCs',
    'w:highlight',
    'w:u',
    'w:effect',
    'w:bdr',
    'w:shd',
    'w:fitText',
    'w:vertAlign',
    'w:rtl',
    'w:cs',
    'w:em',
    'w:lang',
    'w:eastAsianLayout',
    'w:specVanish',
    'w:oMath',
    'w:rPrChange',
  ],
  'w:pPr': [
    'w:pStyle',
    'w:keepNext',
    'w:keepLines',
    'w:pageBreakBefore',
    'w:framePr',
    'w:widowControl',
    'w:numPr',
    'w:suppressLineNumbers',
    'w:pBdr',
    'w:shd',
    'w:tabs',
    'w:suppressAutoHyphens',
    'w:kinsoku',
    'w:wordWrap',
    'w:overflowPunct',
    'w:topLinePunct',
    'w:autoSpaceDE',
    'w:autoSpaceDN',
    'w:bidi',
    'w:adjustRightInd',
    'w:snapToGrid',
    'w:spacing',
    'w:ind',
    'w:contextualSpacing',
    'w:mirrorIndents',
    'w:suppressOverlap',
    'w:jc',
    'w:textDirection',
    'w:textAlignment',
    'w:textboxTightWrap',
    'w:outlineLvl',
    'w:divId',
    'w:cnfStyle',
    'w:rPr',
    'w:sectPr',
    'w:pPrChange',
  ],
  'w:tblPr': [
    'w:tblStyle',
    'w:tblpPr',
    'w:tblOverlap',
    'w:bidiVisual',
    'w:tblStyleRowBandSize',
    'w:tblStyleColBandSize',
    'w:tblW',
    'w:jc',
    'w:tblCellSpacing',
    'w:tblInd',
    'w:tblBorders',
    'w:shd',
    'w:tblLayout',
    'w:tblCellMar',
    'w:tblLook',
    'w:tblCaption',
    'w:tblDescription',
    'w:tblPrChange',
  ],
  'w:tcPr': [
    'w:cnfStyle',
    'w:tcW',
    'w:gridSpan',
    'w:hMerge',
    'w:vMerge',
    'w:tcBorders',
    'w:shd',
    'w:noWrap',
    'w:tcMar',
    'w:textDirection',
    'w:tcFitText',
    'w:vAlign',
    'w:hideMark',
    'w:headers',
    'w:cellIns',
    'w:cellDel',
    'w:cellMerge',
    'w:tcPrChange',
  ],
};

interface Element {
  name: string;
  /** The start tag as written (attributes kept byte for byte), without its closing `>` or `/>`. */
  open: string;
  children: Node[];
  selfClosing: boolean;
}
type Node = Element | string;

/** A minimal parser for the well-formed XML of a part: elements, and everything else as text. */
function parse(xml: string): Node[] {
  const root: Element = { name: '', open: '', children: [], selfClosing: false };
  const stack: Element[] = [root];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|[^<]+/g;
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1] as Element;
    if (m[1] !== undefined) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (m[2] !== undefined) {
      const el: Element = {
        name: m[2],
        open: `<${m[2]}${m[3] ?? ''}`,
        children: [],
        selfClosing: m[4] === '/',
      };
      top.children.push(el);
      if (!el.selfClosing) stack.push(el);
      continue;
    }
    top.children.push(m[0]);
  }
  return root.children;
}

function serialise(nodes: Node[], parent: string): string {
  const order = ORDERS[parent];
  let list = nodes;
  if (order) {
    // Whitespace between elements carries nothing here; drop it so that reordering is clean.
    const elements = nodes.filter((n): n is Element => typeof n !== 'string');
    if (elements.length === nodes.filter((n) => typeof n !== 'string' || n.trim() !== '').length) {
      const rank = (e: Element) => {
        const i = order.indexOf(e.name);
        return i < 0 ? order.length : i;
      };
      list = elements
        .map((e, i) => ({ e, i }))
        .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
        .map((x) => x.e);
    }
  }
  return list
    .map((n) =>
      typeof n === 'string'
        ? n
        : n.selfClosing
          ? `${n.open}/>`
          : `${n.open}>${serialise(n.children, n.name)}</${n.name}>`,
    )
    .join('');
}

/** The XML with the children of styles and their property elements in schema order. */
export function schemaOrder(xml: string): string {
  return serialise(parse(xml), '');
}
