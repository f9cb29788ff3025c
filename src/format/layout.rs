//! Which elements an array print shows, and how their texts are laid out:
//! nested brackets, separators, blank lines between blocks, wrapping at the
//! line width and `...` where axes are summarised.
//!
//! Element texts arrive ready-made (see `element.rs`); this file never
//! looks at values.

use super::Elements;
use crate::array::scalar::Scalar;

/// The printed part of an array: per axis, the indices that are shown, and
/// whether a `...` stands between the leading and trailing ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    pub axes: Vec<Vec<usize>>,
    pub summarised: Vec<bool>,
}

impl Selection {
    /// With `summarise`, every axis longer than `2 * edgeitems` keeps its
    /// first and last `edgeitems` indices. With `edgeitems == 0` NumPy
    /// keeps the whole axis for fitting the format yet shows only its last
    /// index after the `...`; this is reproduced.
    pub fn new(shape: &[usize], summarise: bool, edgeitems: usize) -> Selection {
        let mut axes = Vec::with_capacity(shape.len());
        let mut summarised = Vec::with_capacity(shape.len());
        for &n in shape {
            let cut = summarise && n > edgeitems.saturating_mul(2);
            summarised.push(cut);
            if cut && edgeitems > 0 {
                axes.push((0..edgeitems).chain(n - edgeitems..n).collect());
            } else {
                axes.push((0..n).collect());
            }
        }
        Selection { axes, summarised }
    }

    /// Lengths of the selected grid.
    pub fn dims(&self) -> Vec<usize> {
        self.axes.iter().map(Vec::len).collect()
    }

    /// The selected elements in C order; `get` is called once for each and
    /// for nothing else.
    pub fn gather(&self, a: &dyn Elements) -> Vec<Scalar> {
        let total = self
            .axes
            .iter()
            .fold(1usize, |acc, ax| acc.saturating_mul(ax.len()));
        let mut out = Vec::with_capacity(total.min(1 << 20));
        if total == 0 {
            return out;
        }
        let mut pos = vec![0usize; self.axes.len()];
        let mut index: Vec<usize> = self.axes.iter().map(|ax| ax[0]).collect();
        loop {
            out.push(a.get(&index));
            let mut axis = self.axes.len();
            loop {
                if axis == 0 {
                    return out;
                }
                axis -= 1;
                pos[axis] += 1;
                if pos[axis] < self.axes[axis].len() {
                    index[axis] = self.axes[axis][pos[axis]];
                    break;
                }
                pos[axis] = 0;
                index[axis] = self.axes[axis][0];
            }
        }
    }
}

/// Layout parameters of one print.
pub(crate) struct Layout<'a> {
    /// Element texts in C order over the selected grid.
    pub cells: &'a [String],
    pub dims: &'a [usize],
    pub summarised: &'a [bool],
    pub edgeitems: usize,
    /// `" "` for str, `", "` for repr.
    pub separator: &'a str,
    /// Columns before the opening bracket (`len("array(")` in repr).
    pub prefix_len: usize,
    /// Width available to the text, closing suffix excluded (may be
    /// negative: then every element after the first starts a new line).
    pub line_width: isize,
}

impl Layout<'_> {
    /// The bracketed text of a grid with at least one axis.
    pub fn render(&self) -> String {
        let hanging = " ".repeat(self.prefix_len + 1);
        self.block(0, 0, &hanging, self.line_width)
    }

    fn stride(&self, axis: usize) -> usize {
        self.dims[axis + 1..].iter().product()
    }

    /// Grid positions shown along `axis`, with `None` marking the `...`.
    fn shown(&self, axis: usize) -> Vec<Option<usize>> {
        let len = self.dims[axis];
        let mut out = Vec::new();
        if len == 0 {
            return out;
        }
        let trailing = if self.summarised[axis] {
            out.extend((0..self.edgeitems.min(len)).map(Some));
            out.push(None);
            self.edgeitems.min(len).max(1)
        } else {
            len
        };
        out.extend((len - trailing..len).map(Some));
        out
    }

    fn block(&self, axis: usize, base: usize, hanging: &str, width: isize) -> String {
        let axes_left = self.dims.len() - axis;
        let stride = self.stride(axis);
        let next_hanging = format!("{} ", hanging);
        let next_width = width - 1;
        let shown = self.shown(axis);
        let mut s = String::new();
        if axes_left == 1 {
            let elem_width = width - self.separator.trim_end().len().max(1) as isize;
            let mut line = hanging.to_string();
            for (k, item) in shown.iter().enumerate() {
                let word = match item {
                    Some(i) => self.cells[base + i * stride].as_str(),
                    None => "...",
                };
                extend_line(&mut s, &mut line, word, elem_width, hanging);
                if k + 1 < shown.len() {
                    line.push_str(self.separator);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            for (k, item) in shown.iter().enumerate() {
                s.push_str(hanging);
                match item {
                    Some(i) => {
                        let nested =
                            self.block(axis + 1, base + i * stride, &next_hanging, next_width);
                        s.push_str(&nested);
                    }
                    None => s.push_str("..."),
                }
                if k + 1 < shown.len() {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", s.get(hanging.len()..).unwrap_or(""))
    }
}

/// Appends `word` to `line`, first flushing `line` into `s` and starting a
/// new line at `indent` when the word would pass `width` (never on a line
/// that holds nothing but the indent).
fn extend_line(s: &mut String, line: &mut String, word: &str, width: isize, indent: &str) {
    let needs_wrap = (line.len() + word.len()) as isize > width && line.len() > indent.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(indent);
    }
    line.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_keeps_edges() {
        let sel = Selection::new(&[10, 4], true, 3);
        assert_eq!(sel.axes[0], vec![0, 1, 2, 7, 8, 9]);
        assert_eq!(sel.axes[1], vec![0, 1, 2, 3]);
        assert_eq!(sel.summarised, vec![true, false]);
        let sel = Selection::new(&[10], false, 3);
        assert_eq!(sel.dims(), vec![10]);
    }

    #[test]
    fn wraps_before_passing_width() {
        let cells: Vec<String> = (0..5).map(|i| format!("{}", i * 111)).collect();
        let layout = Layout {
            cells: &cells,
            dims: &[5],
            summarised: &[false],
            edgeitems: 3,
            separator: " ",
            prefix_len: 0,
            line_width: 10,
        };
        assert_eq!(layout.render(), "[0 111\n 222 333\n 444]");
    }
}
