//! Syntax colours for the line being edited: keywords, numbers, strings and
//! comments. Only escape codes are added, so every character keeps its
//! column and the cursor stays where the user sees it.

use std::borrow::Cow;

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "break", "continue", "def", "del", "elif", "else", "except", "False",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "not", "or",
    "pass", "raise", "return", "True", "try", "while",
];

const KEYWORD: &str = "\x1b[1;34m";
const NUMBER: &str = "\x1b[36m";
const STRING: &str = "\x1b[32m";
const COMMENT: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `line` with colour codes around its tokens.
pub fn highlight(line: &str) -> Cow<'_, str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = String::with_capacity(line.len() + 16);
    let mut i = 0;
    let mut coloured = false;
    while let Some(&(start, c)) = chars.get(i) {
        let (end_index, colour) = if c == '#' {
            (chars.len(), Some(COMMENT))
        } else if c == '\'' || c == '"' {
            let mut j = i + 1;
            while let Some(&(_, d)) = chars.get(j) {
                j += 1;
                if d == '\\' {
                    j += 1;
                } else if d == c {
                    break;
                }
            }
            (j.min(chars.len()), Some(STRING))
        } else if c.is_ascii_digit() {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|&(_, d)| d.is_ascii_alphanumeric() || d == '.' || d == '_')
            {
                j += 1;
            }
            (j, Some(NUMBER))
        } else if c.is_alphabetic() || c == '_' {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|&(_, d)| d.is_alphanumeric() || d == '_')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(o, _)| o);
            let word = &line[start..end];
            (j, KEYWORDS.contains(&word).then_some(KEYWORD))
        } else {
            (i + 1, None)
        };
        let end = chars.get(end_index).map_or(line.len(), |&(o, _)| o);
        match colour {
            Some(code) => {
                out.push_str(code);
                out.push_str(&line[start..end]);
                out.push_str(RESET);
                coloured = true;
            }
            None => out.push_str(&line[start..end]),
        }
        i = end_index.max(i + 1);
    }
    if coloured {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut in_escape = false;
        for c in s.chars() {
            match (in_escape, c) {
                (false, '\x1b') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn colours_never_change_the_text() {
        for line in [
            "for i in range(3): x = a[1:4] # note",
            "s = 'it\\'s' + \"x\" if True else None",
            "1.5e-3 + 0x1F",
            "unterminated = 'abc",
            "ünïcode = 'é'",
            "",
        ] {
            assert_eq!(strip(&highlight(line)), line);
        }
    }

    #[test]
    fn keywords_are_coloured_but_names_are_not() {
        assert!(highlight("for x in y").contains(KEYWORD));
        assert_eq!(highlight("format = information"), "format = information");
    }
}
