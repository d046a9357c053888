import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
export type StructElem = PDFKit.PDFStructureElement;

/** Attributes pdfkit's types leave out: table header scope, spans, and the raw dictionary. */
interface StructOptions {
  title?: string;
  lang?: string;
  alt?: string;
  actual?: string;
  scope?: 'Row' | 'Column' | 'Both';
}

interface WithDictionary {
  dictionary: { data: Record<string, unknown> };
}

/**
 * The PDF structure tree (tagged PDF): a `Document` element holding headings, paragraphs, lists
 * and tables in reading order. Text is marked as the content of its element; rules, fills and the
 * repeated page furniture are marked as artifacts, so that assistive technology reads each thing
 * once. When tagging is off every call just draws.
 */
export class Tagger {
  private root: StructElem | undefined;
  private readonly stack: StructElem[] = [];

  constructor(
    private readonly doc: Doc,
    readonly enabled: boolean,
  ) {}

  begin(): void {
    if (!this.enabled) return;
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.stack.push(this.root);
  }

  /** Ends every open element; called once, before the document is written. */
  end(): void {
    while (this.stack.length > 0) this.stack.pop()?.end();
  }

  private get parent(): StructElem | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Creates an element under `parent` (the innermost open element by default). */
  element(type: string, options: StructOptions = {}, parent = this.parent): StructElem | null {
    if (!this.enabled || !parent) return null;
    const { scope, ...rest } = options;
    const elem = this.doc.struct(type, rest);
    if (scope) (elem as unknown as WithDictionary).dictionary.data.A = { O: 'Table', Scope: scope };
    parent.add(elem);
    return elem;
  }

  /** Sets table attributes (`ColSpan`, …) on a cell. */
  tableAttributes(elem: StructElem | null, attributes: Record<string, number | string>): void {
    if (!elem) return;
    const data = (elem as unknown as WithDictionary).dictionary.data;
    data.A = { ...((data.A as object | undefined) ?? {}), O: 'Table', ...attributes };
  }

  /** Opens a container element (a list, a table, …); children go into it until `close`. */
  open(type: string, options: StructOptions = {}): StructElem | null {
    const elem = this.element(type, options);
    if (elem) this.stack.push(elem);
    return elem;
  }

  close(elem: StructElem | null): void {
    if (!elem) return;
    const i = this.stack.lastIndexOf(elem);
    if (i < 0) return;
    for (const e of this.stack.splice(i).reverse()) e.end();
  }

  /** Draws `draw` as (part of) the content of `elem`. */
  mark(elem: StructElem | null, draw: () => void): void {
    if (!this.enabled || !elem) {
      draw();
      return;
    }
    const type = String((elem as unknown as WithDictionary).dictionary.data.S);
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    elem.add(content);
  }

  /** Draws decoration, or content repeated for the reader's convenience, outside the structure. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    if (!this.enabled) {
      draw();
      return;
    }
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Annotation options that make a link annotation the child of a `Link` element. */
  linkOptions(elem: StructElem | null): PDFKit.Mixins.AnnotationOption {
    return elem ? ({ structParent: elem } as PDFKit.Mixins.AnnotationOption) : {};
  }
}
