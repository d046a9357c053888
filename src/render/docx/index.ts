import {
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  InternalHyperlink,
  type ISectionOptions,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentIR, HeadingBlock, Inline } from '../../compose/ir.js';
import { LANDSCAPE_ABOVE, legendTable, matrixTable, workloadTable } from './matrix.js';
import { BULLETS, documentStyles, externalStyles, NUMBERS, numbering, STYLE } from './styles.js';

/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };

type Body = (Paragraph | Table)[];

/** Word bookmark names: a letter first, then letters, digits and `_`, at most 40 characters. */
function bookmarkName(anchor: string): string {
  const clean = `_${anchor}`.replace(/[^A-Za-z0-9_]/g, '_');
  const name = `bm${clean}`;
  if (name.length <= 40) return name;
  let h = 0;
  for (const ch of anchor) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `${name.slice(0, 32)}${h.toString(36).padStart(7, '0').slice(0, 8)}`;
}

function runs(content: readonly Inline[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const item of content) {
    if (item.type === 'break') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    const run = new TextRun({
      text: item.text,
      bold: item.bold === true ? true : undefined,
      italics: item.italic === true ? true : undefined,
      strike: item.strike === true ? true : undefined,
      ...(item.code ? { style: 'InlineCode' } : {}),
      ...(item.link || item.ref ? { style: 'Hyperlink' } : {}),
    });
    if (item.link) out.push(new ExternalHyperlink({ link: item.link, children: [run] }));
    else if (item.ref) out.push(new InternalHyperlink({ anchor: bookmarkName(item.ref), children: [run] }));
    else out.push(run);
  }
  return out;
}

/** Builds the Word body from IR blocks, opening a landscape section for a wide matrix. */
class DocxWriter {
  readonly sections: { landscape: boolean; children: Body }[] = [{ landscape: false, children: [] }];
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private nextFootnote = 1;
  private listInstance = 0;

  private get body(): Body {
    return (this.sections[this.sections.length - 1] as { children: Body }).children;
  }

  private width(landscape = false): number {
    return (landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
  }

  private footnote = (text: string): number => {
    const id = this.nextFootnote++;
    this.footnotes[String(id)] = {
      children: [new Paragraph({ style: 'FootnoteText', children: [new TextRun(text)] })],
    };
    return id;
  };

  private blocks: readonly Block[] = [];
  private readonly anchors = new Map<HeadingBlock, string>();

  render(blocks: readonly Block[]): void {
    this.blocks = blocks;
    for (const block of blocks) this.block(block, 0);
  }

  private block(block: Block, level: number): void {
    const body = this.body;
    switch (block.type) {
      case 'cover': {
        if (block.subtitle)
          body.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(block.subtitle)] }));
        body.push(new Paragraph({ style: STYLE.title, children: [new TextRun(block.title)] }));
        if (block.items.length > 0) {
          const children: ParagraphChild[] = [];
          block.items.forEach((item, i) => {
            if (i > 0) children.push(new TextRun('   ·   '));
            children.push(new TextRun({ text: `${item.label}: `, bold: true }), new TextRun(item.value));
          });
          body.push(
            new Paragraph({
              style: STYLE.small,
              border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '1F4E79', space: 6 } },
              children,
            }),
          );
        }
        return;
      }
      case 'heading': {
        const style = `Heading${block.level - 1 || 1}`;
        const text = new TextRun(block.text);
        body.push(
          new Paragraph({
            style,
            children: block.anchor
              ? [new Bookmark({ id: bookmarkName(block.anchor), children: [text] })]
              : [text],
          }),
        );
        return;
      }
      case 'paragraph': {
        const style =
          block.style === 'small'
            ? STYLE.small
            : block.style === 'lead'
              ? STYLE.lead
              : block.style === 'caption'
                ? STYLE.caption
                : STYLE.normal;
        body.push(new Paragraph({ style, children: runs(block.content) }));
        return;
      }
      case 'list': {
        const instance = ++this.listInstance;
        block.items.forEach((item) => {
          item.forEach((child, i) => {
            if (child.type === 'paragraph' && i === 0) {
              body.push(
                new Paragraph({
                  style: block.ordered ? STYLE.listNumber : STYLE.listBullet,
                  numbering: {
                    reference: block.ordered ? NUMBERS : BULLETS,
                    level: Math.min(level, 3),
                    instance,
                  },
                  children: runs(child.content),
                }),
              );
            } else if (child.type === 'list') {
              this.block(child, level + 1);
            } else {
              this.block(child, level);
            }
          });
        });
        return;
      }
      case 'fields':
        for (const item of block.items) {
          body.push(
            new Paragraph({
              style: STYLE.normal,
              children: [new TextRun({ text: `${item.label}: `, bold: true }), ...runs(item.value)],
            }),
          );
        }
        return;
      case 'legend':
        body.push(legendTable(block, Math.round(this.width() * 0.75)));
        body.push(new Paragraph({ style: STYLE.caption, children: [] }));
        return;
      case 'matrix': {
        const landscape = block.columns.length > LANDSCAPE_ABOVE;
        if (landscape) this.sections.push({ landscape: true, children: [] });
        this.body.push(
          matrixTable(block, {
            width: this.width(landscape),
            bookmark: bookmarkName,
            footnote: this.footnote,
          }),
        );
        this.body.push(new Paragraph({ style: STYLE.caption, children: [] }));
        if (landscape) this.sections.push({ landscape: false, children: [] });
        return;
      }
      case 'table': {
        const cols = Math.max(block.header.length, ...block.rows.map((r) => r.length), 1);
        const w = Math.floor(this.width() / cols);
        const cell = (content: Inline[] | undefined, style: string) =>
          new TableCell({
            width: { size: w, type: WidthType.DXA },
            children: [new Paragraph({ style, children: runs(content ?? []) })],
          });
        body.push(
          new Table({
            style: STYLE.plainTable,
            layout: TableLayoutType.FIXED,
            width: { size: w * cols, type: WidthType.DXA },
            columnWidths: Array.from({ length: cols }, () => w),
            rows: [
              new TableRow({
                tableHeader: true,
                cantSplit: true,
                children: Array.from({ length: cols }, (_, i) => cell(block.header[i], STYLE.tableHeading)),
              }),
              ...block.rows.map(
                (r) =>
                  new TableRow({
                    cantSplit: true,
                    children: Array.from({ length: cols }, (_, i) => cell(r[i], STYLE.tableText)),
                  }),
              ),
            ],
          }),
        );
        body.push(new Paragraph({ style: STYLE.caption, children: [] }));
        return;
      }
      case 'quote':
        for (const child of block.blocks) {
          if (child.type === 'paragraph')
            body.push(new Paragraph({ style: STYLE.quote, children: runs(child.content) }));
          else this.block(child, level);
        }
        return;
      case 'code':
        for (const line of block.text.split('\n'))
          body.push(new Paragraph({ style: STYLE.code, children: [new TextRun(line)] }));
        return;
      case 'rule':
        body.push(
          new Paragraph({
            style: STYLE.normal,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'D3DAE3', space: 4 } },
            children: [],
          }),
        );
        return;
      case 'pagebreak':
        body.push(new Paragraph({ children: [new PageBreak()] }));
        return;
      case 'toc':
        this.contents(block.title);
        return;
      case 'workload':
        body.push(workloadTable(block, this.width()));
        body.push(new Paragraph({ style: STYLE.caption, children: [] }));
        return;
      default: {
        const unknown: never = block;
        throw new Error(`The DOCX writer has no case for ${(unknown as { type: string }).type}`);
      }
    }
  }

  /**
   * A contents list pre-filled from our own headings, each entry a link to its heading's bookmark,
   * so that it is right even where Word fields are never refreshed (LibreOffice, Google Docs).
   */
  private contents(title: string): void {
    const headings = this.blocks.filter(
      (b): b is HeadingBlock => b.type === 'heading' && (b.level === 2 || b.level === 3),
    );
    if (headings.length === 0) return;
    this.body.push(new Paragraph({ style: STYLE.tocHeading, children: [new TextRun(title)] }));
    for (const heading of headings) {
      this.body.push(
        new Paragraph({
          style: heading.level === 2 ? 'TOC1' : 'TOC2',
          children: [
            new InternalHyperlink({
              anchor: bookmarkName(this.anchorOf(heading)),
              children: [new TextRun(heading.text)],
            }),
          ],
        }),
      );
    }
  }

  private anchorOf(heading: HeadingBlock): string {
    if (heading.anchor) return heading.anchor;
    let anchor = this.anchors.get(heading);
    if (!anchor) {
      anchor = `h-${this.anchors.size + 1}`;
      this.anchors.set(heading, anchor);
    }
    return anchor;
  }
}

function pageOfRuns(template: string): ParagraphChild[] {
  const parts = template.split(/(\{page\}|\{pages\})/);
  const children: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = parts
    .filter((p) => p !== '')
    .map((p) => (p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p));
  return [new TextRun({ children: ['\t', ...children] })];
}

/** Renders a document IR to DOCX bytes: named styles throughout, so companies can restyle it. */
export async function renderDocx(ir: DocumentIR): Promise<Buffer> {
  const writer = new DocxWriter();
  writer.render(ir.blocks);
  const sections: ISectionOptions[] = writer.sections
    .filter((s, i) => s.children.length > 0 || i === 0)
    .map((s) => {
      const width = (s.landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
      return {
        properties: {
          page: {
            size: {
              width: PAGE.width,
              height: PAGE.height,
              orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
              header: 567,
              footer: 567,
            },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ style: STYLE.header, children: [new TextRun(ir.header)] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: STYLE.footer,
                tabStops: [{ type: TabStopType.RIGHT, position: width }],
                children: [new TextRun(ir.footer), ...pageOfRuns(ir.labels.pageOf)],
              }),
            ],
          }),
        },
        children: s.children,
      };
    });
  const doc = new Document({
    title: ir.meta.title,
    subject: ir.meta.subject,
    creator: ir.meta.author ?? 'rolemark',
    keywords: ir.meta.keywords.join(', '),
    description: ir.meta.subject,
    lastModifiedBy: 'rolemark',
    externalStyles: externalStyles(),
    styles: {
      ...documentStyles(),
      characterStyles: [
        { id: 'InlineCode', name: 'Inline Code', basedOn: 'DefaultParagraphFont', run: { font: 'Consolas' } },
      ],
    },
    numbering: numbering(),
    footnotes: writer.footnotes,
    sections,
  });
  return Packer.toBuffer(doc);
}
