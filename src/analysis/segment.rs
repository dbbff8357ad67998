//! Turns a document into prose the later passes can read: Markdown code,
//! front matter, HTML and link targets are blanked out (byte for byte, so
//! every offset stays valid), then the prose is cut into paragraphs.

use super::types::{Format, Span};

/// Returns a copy of `text` of the same byte length in which everything that
/// is not prose is replaced by spaces (newlines are kept so that paragraphs
/// and lines stay where they were).
pub fn prose_view(text: &str, format: Format) -> String {
    let mut spans = if format == Format::Markdown {
        markdown_skips(text)
    } else {
        Vec::new()
    };
    let tags = html_tags(text);
    let post_marks = embedded_post_marks(text, &tags);
    spans.extend(tags);
    spans.extend(post_marks);
    // Blanking is the same whatever the order, so the spans are taken in
    // order of start, and the text between them is copied as `str` (no
    // UTF-8 check of the whole result) when every span is on character
    // boundaries.
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in &spans {
        let (s, e) = (span.start.max(at), span.end.min(text.len()));
        if s >= e {
            continue;
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return prose_view_bytes(text, format);
        }
        out.push_str(&text[at..s]);
        out.extend(text.as_bytes()[s..e].iter().map(|&b| match b {
            b'\n' | b'\r' => b as char,
            _ => ' ',
        }));
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// `prose_view` byte by byte, for spans that cut a character.
fn prose_view_bytes(text: &str, format: Format) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let blank = |bytes: &mut Vec<u8>, s: usize, e: usize| {
        for b in &mut bytes[s..e.min(text.len())] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    if format == Format::Markdown {
        for span in markdown_skips(text) {
            blank(&mut bytes, span.start, span.end);
        }
    }
    let tags = html_tags(text);
    for span in embedded_post_marks(text, &tags) {
        blank(&mut bytes, span.start, span.end);
    }
    for span in tags {
        blank(&mut bytes, span.start, span.end);
    }
    // Only ASCII bytes inside whole characters were replaced by spaces, and
    // multi-byte characters were replaced byte by byte with spaces: the result
    // is valid UTF-8 either way.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The quotation marks in the text of an embedded post (`<tweet …>…</tweet>`
/// on one line, given the `tags` of the text): the post's own words, quoted
/// or not, are not quotations of the article (its words stay, as narration).
fn embedded_post_marks(text: &str, tags: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for (n, t) in tags.iter().enumerate() {
        let tag = &text[t.start..t.end];
        if !tag.starts_with("<tweet") || tag.ends_with("/>") {
            continue;
        }
        // The text runs to the next tag (the end of the post) on the line.
        let line_end = text[t.end..].find('\n').map_or(text.len(), |k| t.end + k);
        let end = tags.get(n + 1).map_or(line_end, |x| x.start.min(line_end));
        out.extend(
            text[t.end..end]
                .char_indices()
                .filter(|&(_, c)| matches!(c, '"' | '“' | '”'))
                .map(|(k, c)| Span::new(t.end + k, t.end + k + c.len_utf8())),
        );
    }
    out
}

/// HTML tags and comments (`<p>`, `</a>`, `<tweet author="x">`, `<!-- -->`)
/// on one line: their attribute values are not quotations.
fn html_tags(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |k| i + k);
            continue;
        }
        if text[i..].starts_with("<!--") {
            let end = text[i..].find("-->").map(|k| i + k + 3).unwrap_or(b.len());
            out.push(Span::new(i, end));
            i = end;
            continue;
        }
        let mut j = i + 1;
        if j < b.len() && b[j] == b'/' {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_alphabetic() {
            // A tag name, then anything but a newline up to '>'.
            let mut k = j;
            let mut in_quote: Option<u8> = None;
            while k < b.len() && b[k] != b'\n' {
                match in_quote {
                    Some(q) if b[k] == q => in_quote = None,
                    Some(_) => {}
                    // Only a quote directly after '=' opens an attribute value.
                    None if (b[k] == b'"' || b[k] == b'\'') && k > 0 && b[k - 1] == b'=' => {
                        in_quote = Some(b[k]);
                    }
                    None if b[k] == b'>' => break,
                    None if b[k] == b'<' => break,
                    None => {}
                }
                k += 1;
            }
            if k < b.len() && b[k] == b'>' {
                let name_end = text[j..k]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                    .map(|x| j + x)
                    .unwrap_or(k);
                // "<3 and >" is no tag; a tag name is followed by space, '/' or '>'.
                if name_end == k || matches!(b[name_end], b' ' | b'/' | b'\t') {
                    out.push(Span::new(i, k + 1));
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// The end of a Markdown document's front matter: a first line of `---`
/// (YAML) or `+++` (TOML) up to the end of the next line that starts with
/// the same fence; 0 if there is none.
pub(crate) fn front_matter(text: &str) -> usize {
    let mut pos = 0;
    for fence in ["---", "+++"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if rest.starts_with('\n') || rest.starts_with("\r\n") {
                let needle = format!("\n{fence}");
                if let Some(k) = rest.find(&needle) {
                    let mut end = fence.len() + k + needle.len();
                    while end < text.len() && text.as_bytes()[end] != b'\n' {
                        end += 1;
                    }
                    pos = end;
                }
            }
        }
    }
    pos
}

/// An open fenced code block: the fence's character (`` ` `` or `~`) and
/// length.
pub type Fence = Option<(u8, usize)>;

/// The fenced code block state after `line` (without its `\n`) of a
/// Markdown document, given the state before it (CommonMark: a fence is at
/// least three backticks or tildes indented by at most three spaces; it is
/// closed by a line of at least as many of the same character and nothing
/// else but spaces). `x```` opens nothing; neither does a tab-indented
/// fence (that is indented code).
pub(crate) fn after_line(line: &str, open: Fence) -> Fence {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    if indent >= 4 {
        return open;
    }
    let fence_len = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
    match open {
        Some((c, n)) => {
            let k = fence_len(c);
            if k >= n && trimmed[k..].trim().is_empty() {
                None
            } else {
                open
            }
        }
        None => {
            let (bt, tl) = (fence_len(b'`'), fence_len(b'~'));
            if bt >= 3 {
                Some((b'`', bt))
            } else if tl >= 3 {
                Some((b'~', tl))
            } else {
                None
            }
        }
    }
}

/// The parts of a Markdown document that are not prose.
fn markdown_skips(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let pos = front_matter(text);
    if pos > 0 {
        out.push(Span::new(0, pos));
    }
    // Fenced and indented code blocks, line by line.
    let mut fence: Option<(u8, usize, usize)> = None; // (char, length, block start)
    let mut prev_blank = true;
    let mut line_start = pos;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map(|k| line_start + k)
            .unwrap_or(text.len());
        let line = &text[line_start..line_end];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match fence {
            Some((c, n, start)) => {
                if after_line(line, Some((c, n))).is_none() {
                    out.push(Span::new(start, line_end));
                    fence = None;
                }
            }
            None => {
                if let Some((c, n)) = after_line(line, None) {
                    fence = Some((c, n, line_start));
                } else if (indent >= 4 || line.starts_with('\t'))
                    && prev_blank
                    && !trimmed.trim().is_empty()
                {
                    // An indented code block starts after a blank line and runs
                    // while lines stay indented or blank.
                    out.push(Span::new(line_start, line_end));
                    prev_blank = true; // the next indented line continues the block
                    line_start = line_end + 1;
                    continue;
                } else if trimmed.starts_with('[') {
                    // A link reference definition: [label]: url "title"
                    if let Some(k) = trimmed.find("]:") {
                        if !trimmed[..k].contains(']') {
                            out.push(Span::new(line_start, line_end));
                        }
                    }
                }
            }
        }
        prev_blank = line.trim().is_empty();
        line_start = line_end + 1;
    }
    if let Some((_, _, start)) = fence {
        out.push(Span::new(start, text.len()));
    }
    // Inline code spans and link targets, outside the blocks found so far.
    // The blocks, sorted and merged, walked with a cursor as `i` only grows
    // (a search of every block at every byte was quadratic).
    let mut blocks = out.clone();
    blocks.sort_by_key(|s| s.start);
    let mut merged: Vec<Span> = Vec::with_capacity(blocks.len());
    for s in blocks {
        match merged.last_mut() {
            Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let mut cursor = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while cursor < merged.len() && merged[cursor].end <= i {
            cursor += 1;
        }
        if cursor < merged.len() && merged[cursor].start <= i {
            i = merged[cursor].end;
            continue;
        }
        match b[i] {
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                let ticks = &text[i..i + n];
                // The closing run of the same length, within the paragraph.
                let search_end = text[i + n..]
                    .find("\n\n")
                    .map(|k| i + n + k)
                    .unwrap_or(text.len());
                let mut k = i + n;
                let mut found = None;
                while let Some(p) = text[k..search_end].find(ticks) {
                    let at = k + p;
                    let run = b[at..].iter().take_while(|&&c| c == b'`').count();
                    if run == n {
                        found = Some(at + n);
                        break;
                    }
                    k = at + run;
                }
                match found {
                    Some(end) => {
                        out.push(Span::new(i, end));
                        i = end;
                    }
                    None => i += n,
                }
            }
            b']' if i + 1 < b.len() && b[i + 1] == b'(' => {
                // ](target "title") — skip to the matching ')' on the same line.
                let mut depth = 0usize;
                let mut k = i + 1;
                while k < b.len() && b[k] != b'\n' {
                    match b[k] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
                if k < b.len() && b[k] == b')' {
                    out.push(Span::new(i + 1, k + 1));
                    i = k + 1;
                } else {
                    i += 1;
                }
            }
            b'<' => {
                // Autolinks: <https://…>, <mailto:…>
                let end = text[i..].find(['>', '\n', ' ']).map(|k| i + k);
                if let Some(end) = end {
                    let inner = &text[i + 1..end];
                    if b[end] == b'>' && (inner.contains("://") || inner.starts_with("mailto:")) {
                        out.push(Span::new(i, end + 1));
                        i = end + 1;
                        continue;
                    }
                }
                i += 1;
            }
            // Nothing to do up to the next byte that can open a span (or
            // the next block, which the top of the loop skips).
            _ => {
                let limit = merged.get(cursor).map_or(b.len(), |m| m.start);
                i = memchr::memchr3(b'`', b']', b'<', &b[i + 1..limit])
                    .map_or(limit, |k| i + 1 + k);
            }
        }
    }
    out
}

/// Paragraphs: runs of non-blank lines. Spans exclude the final newline.
pub fn paragraphs(prose: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut line_start = 0;
    let b = prose.as_bytes();
    while line_start <= prose.len() {
        let line_end = memchr_nl(b, line_start).unwrap_or(prose.len());
        let blank = prose[line_start..line_end].trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            if start.is_none() {
                let lead = prose[line_start..line_end].len()
                    - prose[line_start..line_end].trim_start().len();
                start = Some(line_start + lead);
            }
            last_end = line_start + prose[line_start..line_end].trim_end().len();
        }
        if line_end >= prose.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

fn memchr_nl(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'\n', &b[from..]).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(t: &str) -> String {
        prose_view(t, Format::Markdown)
    }

    #[test]
    fn keeps_offsets() {
        let t = "---\ntitle: \"x\"\n---\nShe said `\"code\"` and [“link”](http://a.b/\"q\").\n```\n\"no\"\n```\n";
        let v = view(t);
        assert_eq!(v.len(), t.len());
        assert!(!v.contains("title"));
        assert!(!v.contains("code"));
        assert!(!v.contains("http"));
        assert!(v.contains("“link”"));
        assert!(!v.contains("\"no\""));
    }

    #[test]
    fn html_attributes_are_not_prose() {
        let t = "<span title=\"someone\">She said “yes”.</span> 3 < 4 and 5 > 2";
        let v = prose_view(t, Format::PlainText);
        assert!(!v.contains("someone"));
        assert!(v.contains("“yes”"));
        assert!(v.contains("3 < 4 and 5 > 2"));
    }

    #[test]
    fn an_embedded_posts_marks_are_not_prose() {
        let t = "<tweet author=\"someone\">She said “yes”.</tweet> He said “no”.";
        let v = prose_view(t, Format::PlainText);
        assert_eq!(v.len(), t.len());
        let (post, rest) = v.split_at(t.find("</tweet>").unwrap());
        assert!(post.contains("yes") && !post.contains(['“', '”']));
        assert!(rest.contains("He said “no”."));
    }

    #[test]
    fn multibyte_chars_blanked_stay_utf8() {
        let t = "`“é”` then “real”";
        let v = view(t);
        assert_eq!(v.len(), t.len());
        assert!(v.ends_with("“real”"));
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "One line.\nTwo line.\n\n  \nThird.\r\n\r\nFourth";
        let p = paragraphs(t);
        let got: Vec<&str> = p.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(got, vec!["One line.\nTwo line.", "Third.", "Fourth"]);
    }

    #[test]
    fn unclosed_fence_runs_to_end() {
        let t = "Text “a”\n```\n“b”";
        let v = view(t);
        assert!(v.contains("“a”"));
        assert!(!v.contains("“b”"));
    }
}
