//! Errors as miette reports: one place turns a `PyErr` plus the source text
//! into the diagnostic users see on stderr.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use crate::error::PyErr;

/// How to draw reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Colours and Unicode box drawing, for terminals.
    Color,
    /// No escape codes: `NO_COLOR`, files, pipes, golden tests.
    Plain,
}

impl Style {
    /// Colour only when stdout is a terminal and `NO_COLOR` is unset (the
    /// REPL's own line).
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stdout().is_terminal() && !no_color {
            Style::Color
        } else {
            Style::Plain
        }
    }

    /// Colour only when stderr is a terminal and `NO_COLOR` is unset.
    pub fn for_stderr() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stderr().is_terminal() && !no_color {
            Style::Color
        } else {
            Style::Plain
        }
    }
}

/// Renders an uncaught exception: `Type: message`, the source line and a
/// caret under the span that raised it.
pub fn render(err: &PyErr, filename: &str, source: &str, style: Style) -> String {
    let mut diagnostic = MietteDiagnostic::new(err.to_string());
    if let Some(span) = err.span {
        let start = span.start.min(source.len());
        let len = span.end.min(source.len()).saturating_sub(start);
        diagnostic = diagnostic.with_label(LabeledSpan::at(start..start + len, err.kind.name()));
    }
    draw(diagnostic, filename, source, style).unwrap_or_else(|| format!("{err}\n"))
}

/// Draws a diagnostic over its source; None if miette cannot render it.
fn draw(
    diagnostic: MietteDiagnostic,
    filename: &str,
    source: &str,
    style: Style,
) -> Option<String> {
    let report =
        Report::new(diagnostic).with_source_code(NamedSource::new(filename, source.to_string()));
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    // No wrapping: a message stays on one line, whatever its length.
    let handler = GraphicalReportHandler::new_themed(theme).with_width(usize::MAX / 2);
    let mut out = String::new();
    handler.render_report(&mut out, report.as_ref()).ok()?;
    Some(out)
}

/// Renders a lost write as a warning: `CopyWarning: ...`, the line, a caret
/// under the expression that made the copy, and a help line with the fix.
pub fn render_lost_write(
    w: &crate::report::lost_write::LostWrite,
    filename: &str,
    style: Style,
) -> String {
    let source: &str = &w.source;
    let labels = w.labels.iter().map(|(span, text)| {
        let start = span.start.min(source.len());
        let len = span.end.min(source.len()).saturating_sub(start);
        LabeledSpan::at(start..start + len, text.clone())
    });
    let diagnostic = MietteDiagnostic::new(format!("CopyWarning: {}", w.message))
        .with_severity(miette::Severity::Warning)
        .with_labels(labels)
        .with_help(w.help.clone());
    draw(diagnostic, filename, source, style)
        .unwrap_or_else(|| format!("CopyWarning: {}\n", w.message))
}
