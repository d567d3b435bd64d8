#!/usr/bin/python3
"""The peer for bench/render_docx_bench.cc: python3-docxtpl filling a Word template with the
content jixiao renders for the worked example.

Usage: peer_render_docx.py DIR [N]
       peer_render_docx.py --once DIR   one render as a whole process (bench/compare_render_docx.sh):
                                        DIR/template.docx (written by a run of the first form)
                                        and the content filled in, saved as DIR/once.docx
  DIR holds content.json and chartN.png, written by jixiao_bench's BM_RenderDocx when
  JIXIAO_BENCH_RENDER_DIR=DIR. Builds once, untimed, an equivalent template with python-docx
  (DIR/template.docx): A4 with the same margins; the cover (title lines and details via
  {%p for %} loops) in a section with a different first page; the report as one {%p for %}
  loop over blocks choosing Heading 1/2/3, a body paragraph (two-character indent, 28-point
  exact spacing) or a picture (InlineImage); each table in its own section after a page
  break, with its title and subtitle, a {%tr for %} row loop and a {%tc for %} cell loop
  whose w:gridSpan, w:vMerge, w:tcW, w:tblHeader and w:cantSplit come from the context, and
  the grid columns from a loop; the charts after the tables; a footer "— PAGE —". Every run
  carries the role's font in w:ascii/w:hAnsi/w:eastAsia/w:cs.
  The template is then slimmed to what a template made for the job would hold (slim_template:
  only the styles used, no latent styles, no stylesWithEffects.xml).
  Then renders it N times (default 20): DocxTemplate(BytesIO(template)) → render(context,
  autoescape=True) → save(BytesIO), and prints "<wall seconds> <CPU seconds>" per document.
  The first document
  is saved as DIR/peer.docx and checked against content.json (every paragraph text, every
  cell's text, span and merge), so the timing is of the same content.
"""
import copy
import io
import json
import sys
import time

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage


def set_fonts(run, role):
    run.font.size = Pt(role["size"] / 2)
    run.font.bold = bool(role["bold"]) or None
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), role["family"])


def tag_paragraph(document, text):
    document.add_paragraph(text)


def text_paragraph(document, text, role, style=None, align=None, indent=False, exact=True):
    p = document.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28)
    if indent:
        fmt.first_line_indent = Pt(role["size"])  # two characters of half-points / 2 each
        fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    set_fonts(p.add_run(text), role)
    return p


def set_page(section, page, landscape):
    w, h = Mm(page["width"] / 10), Mm(page["height"] / 10)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.top_margin = Mm(page["top"] / 10)
    section.bottom_margin = Mm(page["bottom"] / 10)
    section.left_margin = Mm(page["left"] / 10)
    section.right_margin = Mm(page["right"] / 10)


def blocks_loop(document, name, fonts):
    """{%p for b in NAME %} with one paragraph per kind of block."""
    tag_paragraph(document, "{%%p for b in %s %%}" % name)
    first = True
    for kind, style, role in (("h1", "Heading 1", "heading1"), ("h2", "Heading 2", "heading2"),
                              ("h3", "Heading 3", "body")):
        tag_paragraph(document, "{%%p %s b.kind == '%s' %%}" % ("if" if first else "elif", kind))
        first = False
        r = dict(fonts[role])
        if kind == "h3":
            r["bold"] = True
        text_paragraph(document, "{{ b.text }}", r, style=style, indent=True)
    tag_paragraph(document, "{%p elif b.kind == 'chart' %}")
    text_paragraph(document, "{{ b.image }}", fonts["body"], align=WD_ALIGN_PARAGRAPH.CENTER,
                   exact=False)
    tag_paragraph(document, "{%p elif b.indent %}")
    text_paragraph(document, "{{ b.text }}", fonts["body"], align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                   indent=True)
    tag_paragraph(document, "{%p else %}")
    text_paragraph(document, "{{ b.text }}", fonts["body"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag_paragraph(document, "{%p endif %}")
    tag_paragraph(document, "{%p endfor %}")


def table_template(document, index, fonts):
    t = "tables[%d]" % index
    text_paragraph(document, "{{ %s.title }}" % t, dict(fonts["table"], size=32, bold=True),
                   align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
    text_paragraph(document, "{{ %s.subtitle }}" % t, fonts["table"],
                   align=WD_ALIGN_PARAGRAPH.LEFT, exact=False)
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).text = "{%%tr for row in %s.rows %%}" % t
    table.cell(2, 0).text = "{%tr endfor %}"
    row = table.rows[1]
    row.cells[0].text = "{%tc for c in row.cells %}"
    row.cells[2].text = "{%tc endfor %}"
    cell = row.cells[1]
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("{{ c.text }}")
    set_fonts(run, fonts["table"])
    run._r.get_or_add_rPr().insert(1, parse_xml('<w:b %s w:val="{{ c.bold }}"/>' % nsdecls("w")))
    tcpr = cell._tc.get_or_add_tcPr()
    for child in list(tcpr):
        tcpr.remove(child)
    tcpr.append(parse_xml('<w:tcW %s w:w="{{ c.width }}" w:type="dxa"/>' % nsdecls("w")))
    tcpr.append(parse_xml('<w:gridSpan %s w:val="{{ c.span }}"/>' % nsdecls("w")))
    tcpr.append(parse_xml('<w:vMerge %s w:val="{{ c.vm }}"/>' % nsdecls("w")))
    tcpr.append(parse_xml('<w:vAlign %s w:val="center"/>' % nsdecls("w")))
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml('<w:cantSplit %s w:val="{{ row.cant_split }}"/>' % nsdecls("w")))
    trpr.append(parse_xml('<w:tblHeader %s w:val="{{ row.header }}"/>' % nsdecls("w")))
    grid = table._tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    grid.text = "{%% for w in %s.widths %%}" % t
    col = parse_xml('<w:gridCol %s w:w="{{ w }}"/>' % nsdecls("w"))
    col.tail = "{% endfor %}"
    grid.append(col)


def page_field_footer(section, fonts):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    role = dict(fonts["body"], size=28)
    set_fonts(p.add_run("— "), role)
    for xml in ('<w:fldChar %s w:fldCharType="begin"/>',
                '<w:instrText %s xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar %s w:fldCharType="separate"/>', '<w:t %s>1</w:t>',
                '<w:fldChar %s w:fldCharType="end"/>'):
        run = p.add_run()
        set_fonts(run, role)
        run._r.append(parse_xml(xml % nsdecls("w")))
    set_fonts(p.add_run(" —"), role)


def slim_template(document):
    """What a template made in Word for this job would carry: only the styles the document uses
    (with the ones they are based on, linked to or followed by, and the defaults), no latent
    styles, and no stylesWithEffects.xml. python-docx's default template carries about 790 KB
    of unused style definitions that docxtpl would parse and write out again on every render,
    a cost no one pays with a template of their own."""
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[r_id]
    styles = document.styles.element
    by_id = {st.get(qn("w:styleId")): st for st in styles.findall(qn("w:style"))}
    wanted = set()
    for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
        for el in document.element.iter(qn(tag)):
            wanted.add(el.get(qn("w:val")))
    wanted |= {i for i, st in by_id.items() if st.get(qn("w:default")) in ("1", "true")}
    todo = list(wanted)
    while todo:
        st = by_id.get(todo.pop())
        if st is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            el = st.find(qn(tag))
            if el is not None and el.get(qn("w:val")) not in wanted:
                wanted.add(el.get(qn("w:val")))
                todo.append(el.get(qn("w:val")))
    for i, st in by_id.items():
        if i not in wanted:
            styles.remove(st)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def build_template(content):
    fonts, page = content["fonts"], content["page"]
    document = docx.Document()
    section = document.sections[0]
    set_page(section, page, False)
    section.different_first_page_header_footer = True
    page_field_footer(section, fonts)
    # The cover.
    tag_paragraph(document, "{%p for line in cover.title_lines %}")
    text_paragraph(document, "{{ line }}", fonts["title"], style="Title",
                   align=WD_ALIGN_PARAGRAPH.CENTER)
    tag_paragraph(document, "{%p endfor %}")
    tag_paragraph(document, "{%p for line in cover.details %}")
    text_paragraph(document, "{{ line }}", fonts["body"], align=WD_ALIGN_PARAGRAPH.CENTER)
    tag_paragraph(document, "{%p endfor %}")
    # The report, numbered from 1.
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    section._sectPr.append(parse_xml('<w:pgNumType %s w:start="1"/>' % nsdecls("w")))
    blocks_loop(document, "report", fonts)
    # The tables, each in its own section.
    landscape = False
    for i, table in enumerate(content["tables"]):
        section = document.add_section(WD_SECTION.NEW_PAGE)
        landscape = table["landscape"]
        set_page(section, page, landscape)
        table_template(document, i, fonts)
    if content["tail"]:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, page, False)
        blocks_loop(document, "tail", fonts)
    slim_template(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def base_context(content):
    """The context without pictures (they need the template object): built once."""
    def on_off(value):
        return "true" if value else "false"
    tables = []
    for t in content["tables"]:
        rows = []
        for row in t["rows"]:
            cells = [{"text": c["text"], "span": c["span"], "vm": c["vm"], "width": c["width"],
                      "bold": on_off(c["header"])} for c in row["cells"]]
            rows.append({"cells": cells, "header": on_off(row["header"]),
                         "cant_split": on_off(row["cant_split"])})
        tables.append({"title": t["title"], "subtitle": t["subtitle"], "widths": t["widths"],
                       "rows": rows})
    pictures = {}
    for b in content["report"] + content["tail"]:
        if b["kind"] == "chart":
            with open(b["chart"], "rb") as f:
                pictures[b["chart"]] = f.read()
    text_width = Mm((content["page"]["width"] - content["page"]["left"]
                     - content["page"]["right"]) / 10)
    return {"cover": content["cover"], "tables": tables, "report": content["report"],
            "tail": content["tail"]}, pictures, text_width


def render(template, context, pictures, text_width):
    tpl = DocxTemplate(io.BytesIO(template))
    ctx = dict(context)
    for name in ("report", "tail"):
        ctx[name] = [dict(b, image=InlineImage(tpl, io.BytesIO(pictures[b["chart"]]),
                                               width=text_width))
                     if b["kind"] == "chart" else b for b in context[name]]
    tpl.render(ctx, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def check(peer, content):
    """The rendered document holds the content: paragraphs and every table cell."""
    d = docx.Document(io.BytesIO(peer))
    texts = [p.text for p in d.paragraphs]
    expected = content["cover"]["title_lines"] + content["cover"]["details"]
    expected += [b["text"] for b in content["report"] if b["kind"] != "chart"]
    expected += [t[k] for t in content["tables"] for k in ("title", "subtitle") if t[k]]
    missing = [e for e in expected if e not in texts]
    if missing:
        sys.exit("peer.docx lacks paragraphs: %r" % missing[:3])
    if len(d.tables) != len(content["tables"]):
        sys.exit("peer.docx has %d tables, not %d" % (len(d.tables), len(content["tables"])))
    for table, want in zip(d.tables, content["tables"]):
        got = [[(tc.xpath("string(.)"), tc.grid_span, tc.vMerge) for tc in tr.tc_lst]
               for tr in table._tbl.tr_lst]
        exp = [[(c["text"].replace("\n", ""), c["span"], c["vm"]) for c in row["cells"]]
               for row in want["rows"]]
        if got != exp:
            sys.exit("peer.docx: table %r differs from the content" % want["title"])
    if len(d.inline_shapes) != sum(b["kind"] == "chart"
                                   for b in content["report"] + content["tail"]):
        sys.exit("peer.docx: pictures missing")


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if args[0] == "--once":
        directory = args[1]
        with open(directory + "/content.json", encoding="utf-8") as f:
            content = json.load(f)
        with open(directory + "/template.docx", "rb") as f:
            template = f.read()
        context, pictures, width = base_context(content)
        with open(directory + "/once.docx", "wb") as f:
            f.write(render(template, context, pictures, width))
        return
    directory = args[0]
    n = int(args[1]) if len(args) > 1 else 20
    with open(directory + "/content.json", encoding="utf-8") as f:
        content = json.load(f)
    template = build_template(content)
    with open(directory + "/template.docx", "wb") as f:
        f.write(template)
    context, pictures, width = base_context(content)
    first = render(template, context, pictures, width)  # warm up
    with open(directory + "/peer.docx", "wb") as f:
        f.write(first)
    check(first, content)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        render(template, context, pictures, width)
    print("%.6f %.6f" % ((time.perf_counter() - start) / n, (time.process_time() - cpu) / n))


if __name__ == "__main__":
    main()
