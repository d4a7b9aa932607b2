//! A brief as one self-contained HTML page: findings, every chart inline as
//! SVG with the table behind it, the sources. No scripts, no fetches (a
//! Content-Security-Policy forbids them), print CSS for A4. Every string from
//! data or a scenario file is escaped; findings are inline Markdown rendered
//! with raw HTML turned into text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::{is_estimate, is_numeric_column, Table};

/// A chart in the page: an anchor, its caption, the SVG, the table behind it
/// and the file that holds that table.
pub struct Figure<'a> {
    pub id: &'a str,
    pub caption: &'a str,
    pub svg: &'a str,
    pub table: &'a Table,
    pub csv_file: String,
}

/// The page's content. `byline` and `findings` are inline Markdown (`**`,
/// `*`, backticks); everything else is plain text.
pub struct Page<'a> {
    pub title: &'a str,
    pub byline: &'a str,
    pub findings: &'a [String],
    pub figures: Vec<Figure<'a>>,
    /// Citations; a URL in them becomes a link.
    pub sources: &'a [String],
    pub notes: &'a [String],
    pub generator: &'a str,
}

/// The brief's look, shared by the web pages.
pub const STYLE: &str = r#"
:root { --ink: #1d2329; --muted: #5b6670; --rule: #d5dbe0; --accent: #1f4e79; --est: #f3f5f7; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 62rem; padding: 2.5rem 2rem 4rem; color: var(--ink); background: #fff;
  font-family: "Source Serif Pro", Georgia, "DejaVu Serif", serif; line-height: 1.55; }
h1, h2, h3, nav, figcaption, table, .byline, footer { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 0 0 .6rem; }
.byline { color: var(--muted); font-size: .92rem; margin: 0 0 1.2rem; }
nav { font-size: .88rem; color: var(--muted); border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .5rem 0; }
nav ol { margin: .2rem 0 0; padding-left: 1.4rem; columns: 2; }
a { color: var(--accent); }
ul.findings { padding-left: 1.2rem; }
ul.findings li { margin: 0 0 .55rem; }
code { font-size: .88em; background: var(--est); padding: 0 .2em; border-radius: 2px; }
figure { margin: 2rem 0 0; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .82rem; color: var(--muted); margin: .35rem 0 .8rem; }
table { border-collapse: collapse; font-size: .8rem; line-height: 1.3; margin: 0 0 1rem; font-variant-numeric: tabular-nums; }
th, td { padding: .16rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { border-bottom: 1.5px solid var(--ink); font-weight: 600; }
td.num, th.num { text-align: right; }
tr.est td { font-style: italic; background: var(--est); }
p.table-note { font-size: .78rem; color: var(--muted); margin: -.6rem 0 1rem; }
.sources p { margin: 0 0 .6rem; }
footer { margin-top: 3rem; font-size: .78rem; color: var(--muted); }
@media (max-width: 40rem) { body { padding: 1.2rem .8rem; } nav ol { columns: 1; } table { font-size: .72rem; } }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.2rem; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure { break-inside: avoid; page-break-inside: avoid; }
  figure svg { border: none; }
  table { font-size: 7.5pt; }
  th, td { padding: .05rem .5rem; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  tr.est td { background: none; }
}
"#;

/// Escapes text for an element's content or an attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = escape_html(&mut out, s);
    out
}

/// Inline Markdown to HTML: emphasis, strong and code only; raw HTML in the
/// text is shown as text, block structure (lists, headings) is ignored.
pub fn inline(markdown: &str) -> String {
    let text = guard_block(markdown.trim_start());
    let events = Parser::new(&text).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Emphasis | Tag::Strong)
        | Event::End(TagEnd::Emphasis | TagEnd::Strong) => Some(e),
        Event::Text(_) | Event::Code(_) => Some(e),
        Event::SoftBreak | Event::HardBreak => Some(Event::Text(" ".into())),
        _ => None,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Escapes a line's start that Markdown would read as a block (a list item,
/// a heading, a quote), so that it stays text.
fn guard_block(line: &str) -> String {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return format!("{}\\{}", &line[..digits], rest);
    }
    let block =
        line.starts_with(['#', '>', '=']) || ["- ", "+ ", "* "].iter().any(|m| line.starts_with(m));
    if block {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

/// Plain text with its http(s) URLs as links.
fn linked(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let url_end = word.trim_end_matches(['.', ',', ';', ')', ']']).len();
        let (url, rest) = word.split_at(url_end);
        if url.starts_with("https://") || url.starts_with("http://") {
            let mut href = String::new();
            let _ = escape_href(&mut href, url);
            out.push_str(&format!(
                "<a href=\"{}\">{}</a>{}",
                href,
                escape(url),
                escape(rest)
            ));
        } else {
            out.push_str(&escape(word));
        }
    }
    out
}

/// An SVG document as an element of the page: no XML prologue or namespace
/// (HTML parsers set it), labelled for screen readers.
fn inline_svg(svg: &str, label: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let body = &svg[start..];
    let body = body.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    body.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(label)),
        1,
    )
}

/// A table as HTML: numbers right-aligned, estimate rows marked.
pub fn table_html(table: &Table) -> String {
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|i| is_numeric_column(table, i))
        .collect();
    let class = |i: usize| if numeric[i] { " class=\"num\"" } else { "" };
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, c) in table.columns.iter().enumerate() {
        out.push_str(&format!("<th{}>{}</th>", class(i), escape(&c.header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str(if is_estimate(table, row) {
            "<tr class=\"est\">"
        } else {
            "<tr>"
        });
        for (i, v) in row.iter().enumerate() {
            out.push_str(&format!("<td{}>{}</td>", class(i), escape(&v.display())));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

pub fn render(page: &Page) -> String {
    let mut h = String::with_capacity(64 * 1024 + page.figures.len() * 40 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    h.push_str(&format!(
        "<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(page.generator),
        escape(page.title)
    ));
    h.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"byline\">{}</p>\n</header>\n",
        escape(page.title),
        inline(page.byline)
    ));
    h.push_str("<nav aria-label=\"Contents\"><strong>Contents</strong>\n<ol>\n<li><a href=\"#findings\">Key findings</a></li>\n");
    for f in &page.figures {
        h.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            escape(f.id),
            escape(f.caption)
        ));
    }
    h.push_str("<li><a href=\"#sources\">Sources and method</a></li>\n</ol>\n</nav>\n");

    h.push_str("<section id=\"findings\">\n<h2>Key findings</h2>\n<ul class=\"findings\">\n");
    for line in page.findings {
        h.push_str(&format!("<li>{}</li>\n", inline(line)));
    }
    h.push_str("</ul>\n</section>\n");

    h.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    for f in &page.figures {
        h.push_str(&format!(
            "<div class=\"chart\" id=\"{}\">\n<figure>\n<h3>{}</h3>\n{}\n<figcaption>The table behind the chart follows; it is also in <code>{}</code> beside this page.</figcaption>\n</figure>\n",
            escape(f.id),
            escape(f.caption),
            inline_svg(f.svg, f.caption),
            escape(&f.csv_file)
        ));
        if f.table.rows.is_empty() {
            h.push_str("<p class=\"table-note\">(no rows)</p>\n");
        } else {
            h.push_str(&table_html(f.table));
            if f.table.rows.iter().any(|r| is_estimate(f.table, r)) {
                h.push_str("<p class=\"table-note\">Rows in italics are estimates.</p>\n");
            }
        }
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n");

    h.push_str("<section id=\"sources\" class=\"sources\">\n<h2>Sources and method</h2>\n");
    for s in page.sources {
        h.push_str(&format!("<p>{}</p>\n", linked(s)));
    }
    for n in page.notes {
        h.push_str(&format!("<p>{}</p>\n", escape(n)));
    }
    h.push_str("</section>\n");
    h.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(page.generator)
    ));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_keeps_emphasis_and_escapes_markup() {
        assert_eq!(
            inline("**3 of 31** meet <script>x</script> `code` *it*"),
            "<strong>3 of 31</strong> meet &lt;script&gt;x&lt;/script&gt; <code>code</code> <em>it</em>"
        );
        // A line that reads like a list or a heading stays a line of text.
        assert_eq!(inline("1. first"), "1. first");
        assert_eq!(inline("# not a heading"), "# not a heading");
        assert_eq!(inline("- not a list"), "- not a list");
        assert_eq!(inline("**2024**: bold"), "<strong>2024</strong>: bold");
    }

    #[test]
    fn urls_become_links_and_the_rest_is_escaped() {
        assert_eq!(
            linked("See https://www.nato.int/a?b=1&c=2. <b>"),
            "See <a href=\"https://www.nato.int/a?b=1&amp;c=2\">https://www.nato.int/a?b=1&amp;c=2</a>. &lt;b&gt;"
        );
    }
}
