import {
  Bookmark,
  type FileChild,
  PageBreak,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { leadOf } from '../../compose/landscape.js';
import type { Block, Inline, MatrixBlock } from '../../ir/types.js';
import { irDirection, paragraphDirection, runDirection } from './bidi.js';
import { bookmarkName, runs } from './inline.js';
import { keepWithNext, keptItems } from './keep.js';
import { DEFAULT_PAGE, type Page } from './look.js';
import { matrixTable, planMatrix } from './matrix.js';
import { wordTurns } from './matrix-plan.js';
import { passOver } from './prep.js';
import { BULLETS, NUMBERS, STYLE, textWidth } from './styles.js';
import { legendTable, workloadTable } from './tables.js';

const text = (style: string, value: string) =>
  new Paragraph({
    style,
    ...paragraphDirection(value),
    children: [new TextRun({ text: value, ...runDirection(value) })],
  });

export interface WriterSection {
  landscape: boolean;
  children: FileChild[];
}

/** Builds the Word body from IR blocks, giving a wide matrix a landscape section of its own. */
export class DocxWriter {
  readonly sections: WriterSection[] = [{ landscape: false, children: [] }];
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  /** Each footnote's text, by id, for our own page-number estimate (pages/), which sets notes too. */
  readonly noteTexts = new Map<string, string>();
  private nextFootnote = 1;
  private listInstance = 0;
  /** Blocks whose last paragraph keeps with the next (see `keep.ts`). */
  private keep = new Set<Block>();

  constructor(
    private readonly labels: {
      rolesOf: string;
      role?: string;
      total?: string;
      noteOn?: string;
      colon?: string;
      posterWord?: string;
    },
    /** The theme's page (DEFAULT_PAGE: A4, 2 cm margins), for the widths of tables. */
    private readonly page: Page = DEFAULT_PAGE,
    /** The theme's type scale: larger type needs wider activity columns. */
    private readonly scale = 1,
    /** The theme's logo, when it goes on the cover. */
    private readonly coverLogo?: ParagraphChild,
    /** The theme's band colour (`RRGGBB`): group rows of the matrix. */
    private readonly band?: string,
    /** The theme's header fill (`RRGGBB`): a matrix's short-name row, under its key. */
    private readonly headerFill?: string,
  ) {}

  private get section(): WriterSection {
    return this.sections[this.sections.length - 1] as WriterSection;
  }

  private push(...children: FileChild[]): void {
    // rolemark's tables hold no field, heading or section break: docx's walks of the formatted
    // body may pass over them (prep.ts).
    for (const child of children) if (child instanceof Table) passOver(child);
    this.section.children.push(...children);
  }

  private openSection(landscape: boolean): void {
    // A landscape document (a poster) needs no section of its own for a wide matrix: one was a
    // page break that left the poster's first page with its title alone.
    if (this.page.landscape || this.section.landscape === landscape) return;
    if (this.section.children.length === 0) this.section.landscape = landscape;
    else this.sections.push({ landscape, children: [] });
  }

  private footnote = (value: string): number => {
    const id = this.nextFootnote++;
    // docx writes the note's number first; Word separates it from the text with a space.
    this.footnotes[String(id)] = { children: [text(STYLE.footnoteText, ` ${value}`)] };
    this.noteTexts.set(String(id), `${id} ${value}`);
    return id;
  };

  render(blocks: readonly Block[]): void {
    this.keep = keepWithNext(blocks);
    // A landscape section starts where the composer said the matrix's page turns (IR `landscape`:
    // at its heading, introduction and legend) and ends after the matrix. Word's own limit turns
    // one more (wordTurns: a poster's page capped at 22 in), from the same place; from the top
    // when only the cover stands before it, which a section of its own would leave alone.
    const landscapeFrom = new Set<number>();
    const turns = new Set<number>();
    blocks.forEach((b, i) => {
      if (b.type !== 'matrix') return;
      if (b.landscape) landscapeFrom.add(i - b.landscape.lead);
      else if (wordTurns(b, this.page, this.scale)) {
        const from = i - leadOf(blocks, i);
        landscapeFrom.add(blocks.slice(0, from).every((x) => x.type === 'cover') ? 0 : from);
      } else return;
      turns.add(i);
    });
    blocks.forEach((block, i) => {
      if (landscapeFrom.has(i)) this.openSection(true);
      this.block(block, 0);
      if (turns.has(i)) this.openSection(false);
    });
  }

  private block(block: Block, level: number): void {
    switch (block.type) {
      case 'cover': {
        if (this.coverLogo && this.sections.length === 1 && this.section.children.length === 0)
          this.push(new Paragraph({ style: STYLE.normal, children: [this.coverLogo] }));
        if (block.subtitle) this.push(text(STYLE.subtitle, block.subtitle));
        // A compact cover (a handout's) leaves the page to what follows: a smaller title.
        this.push(text(block.compact ? STYLE.titleCompact : STYLE.title, block.title));
        if (block.items.length > 0) {
          const children: ParagraphChild[] = [];
          block.items.forEach((item, i) => {
            if (i > 0) children.push(new TextRun('   ·   '));
            children.push(
              new TextRun({ text: `${item.label}${this.labels.colon ?? ': '}`, style: STYLE.strong }),
              new TextRun(item.value),
            );
          });
          this.push(
            new Paragraph({ style: block.compact ? STYLE.coverMetaCompact : STYLE.coverMeta, children }),
          );
        }
        return;
      }
      case 'heading': {
        const run = new TextRun({ text: block.text, ...runDirection(block.text) });
        this.push(
          new Paragraph({
            style: STYLE.heading(block.level - 1),
            ...paragraphDirection(block.text),
            children: block.anchor
              ? [new Bookmark({ id: bookmarkName(block.anchor), children: [run] })]
              : [run],
          }),
        );
        return;
      }
      case 'paragraph': {
        if (block.kind === 'sheet-note' && this.labels.posterWord) {
          // The PDF's sheet is not this file's page: say what each is (see IR `kind`).
          const content = [
            {
              type: 'text' as const,
              text: this.labels.posterWord.replace(
                '{page}',
                pageName({ ...this.page, landscape: this.page.landscape || this.section.landscape }),
              ),
            },
          ];
          this.push(new Paragraph({ style: STYLE.small, children: runs(content) }));
          return;
        }
        const style =
          block.style === 'small'
            ? STYLE.small
            : block.style === 'lead'
              ? STYLE.lead
              : block.style === 'caption'
                ? STYLE.caption
                : STYLE.body;
        this.push(
          new Paragraph({
            style,
            ...irDirection(block.content, block.dir),
            ...(this.keep.has(block) ? { keepNext: true } : {}),
            children: runs(block.content),
          }),
        );
        return;
      }
      case 'list': {
        const instance = ++this.listInstance;
        const kept = keptItems(block.items.length, this.keep.has(block));
        block.items.forEach((item, n) => {
          item.forEach((child, i) => {
            if (child.type === 'paragraph' && i === 0) {
              this.push(
                new Paragraph({
                  ...(kept.has(n) && item.length === 1 ? { keepNext: true } : {}),
                  style: block.ordered ? STYLE.listNumber : STYLE.listBullet,
                  numbering: {
                    reference: block.ordered ? NUMBERS : BULLETS,
                    level: Math.min(level, 3),
                    instance,
                  },
                  ...irDirection(child.content, child.dir),
                  children: runs(child.content),
                }),
              );
            } else {
              this.block(child, child.type === 'list' ? level + 1 : level);
            }
          });
        });
        return;
      }
      case 'fields': {
        // One paragraph, a line per field, never split (keepLines): a role's "Reports to" cannot
        // sit alone at the top of a page. One paragraph rather than one per field, because
        // LibreOffice follows a chain of keep-with-next paragraphs only a few links back: with a
        // heading, a purpose and two fields it left the heading alone at the foot of the page.
        const children: ParagraphChild[] = [];
        block.items.forEach((item, n) => {
          if (n > 0) children.push(new TextRun({ text: '', break: 1 }));
          children.push(
            new TextRun({ text: `${item.label}${this.labels.colon ?? ': '}`, style: STYLE.strong }),
            ...runs(item.value),
          );
        });
        this.push(
          new Paragraph({
            style: STYLE.fieldList,
            keepLines: true,
            ...(this.keep.has(block) ? { keepNext: true } : {}),
            children,
          }),
        );
        return;
      }
      case 'legend':
        this.push(
          legendTable(block, Math.round(textWidth(false, this.page) * 0.75)),
          text(STYLE.tableSpacer, ''),
        );
        return;
      case 'matrix':
        this.matrix(block);
        return;
      case 'table':
        this.push(this.table(block.header, block.rows), text(STYLE.tableSpacer, ''));
        return;
      case 'quote':
        for (const child of block.blocks) {
          if (child.type === 'paragraph')
            this.push(new Paragraph({ style: STYLE.quote, children: runs(child.content) }));
          else this.block(child, level);
        }
        return;
      case 'code':
        for (const line of block.text.split('\n')) this.push(text(STYLE.code, line));
        return;
      case 'rule':
        this.push(text(STYLE.rule, ''));
        return;
      case 'pagebreak':
        this.push(new Paragraph({ style: STYLE.normal, children: [new PageBreak()] }));
        return;
      case 'toc':
        // A real TOC field, so Word's "Update Table" works, pre-filled by docx from the headings
        // with links and (see renderDocx) the page numbers, so it is right where fields are never
        // refreshed (LibreOffice, Google Docs, a previewer).
        this.push(
          text(STYLE.tocHeading, block.title),
          new TableOfContents(block.title, {
            hyperlink: true,
            headingStyleRange: '1-2',
            hideTabAndPageNumbersInWebView: true,
          }),
        );
        return;
      case 'workload':
        this.push(
          workloadTable(block, textWidth(this.section.landscape, this.page), bookmarkName, {
            role: this.labels.role ?? 'Role',
            total: this.labels.total ?? 'Total',
          }),
          text(STYLE.tableSpacer, ''),
        );
        return;
      default: {
        const unknown: never = block;
        throw new Error(`The DOCX writer has no case for ${(unknown as { type: string }).type}`);
      }
    }
  }

  /** The matrix: one table, or one per column group when the roles do not fit across the page. */
  private matrix(block: MatrixBlock): void {
    // The section it is on says its width: the composer's landscape or Word's own (render()).
    const layout = planMatrix(block, this.page, this.scale, this.section.landscape);
    const total = block.columns.length;
    const ctx = {
      bookmark: bookmarkName,
      footnote: this.footnote,
      noteOn: this.labels.noteOn,
      band: this.band,
      headerFill: this.headerFill,
    };
    for (const group of layout.groups) {
      // A group's caption goes in its header row, which repeats on every page the group takes.
      const caption =
        layout.groups.length > 1
          ? this.labels.rolesOf
              .replace('{from}', String(group[0] + 1))
              .replace('{to}', String(group[1]))
              .replace('{total}', String(total))
          : undefined;
      this.push(matrixTable(block, layout, group, { ...ctx, caption }), text(STYLE.tableSpacer, ''));
    }
  }

  /** A Markdown table: equal fixed columns across the text width. */
  private table(header: Inline[][], rows: Inline[][][]): Table {
    const cols = Math.max(header.length, ...rows.map((r) => r.length), 1);
    const w = Math.floor(textWidth(this.section.landscape, this.page) / cols);
    const cell = (content: Inline[] | undefined, style: string) =>
      new TableCell({
        width: { size: w, type: WidthType.DXA },
        children: [
          new Paragraph({ style, ...paragraphDirection(content ?? []), children: runs(content ?? []) }),
        ],
      });
    const row = (cells: Inline[][], style: string, head = false) =>
      new TableRow({
        ...(head ? { tableHeader: true } : {}),
        cantSplit: true,
        children: Array.from({ length: cols }, (_, i) => cell(cells[i], style)),
      });
    return new Table({
      style: STYLE.plainTable,
      layout: TableLayoutType.FIXED,
      width: { size: w * cols, type: WidthType.DXA },
      columnWidths: Array.from({ length: cols }, () => w),
      rows: [row(header, STYLE.tableHeading, true), ...rows.map((r) => row(r, STYLE.tableText))],
    });
  }
}

/** A page's size as people name it: "559 × 395 mm", the long side first for a landscape page. */
export function pageName(page: Page): string {
  const mm = (dxa: number) => Math.round((dxa / 1440) * 25.4);
  const [a, b] = page.landscape ? [page.height, page.width] : [page.width, page.height];
  return `${mm(a)} × ${mm(b)} mm`;
}
