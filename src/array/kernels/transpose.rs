//! Transposing copies of one plane: `dst[i][j] = src[j][i]`, where the
//! destination is contiguous along `j` and the source along `i` (the inner
//! loop of `a.T.copy()`, `np.ascontiguousarray(a.T)`, F-order copies of
//! C-ordered arrays and back).
//!
//! A naive loop reads the source one element per cache line. Here the plane
//! is cut into tiles of `ROWS` destination rows by `COLS` destination
//! columns, visited a band of `ROWS` destination rows at a time: each tile
//! reads `COLS` source runs of `ROWS` elements (whole cache lines, the
//! one shared with the next band is still cached when that band comes) and
//! writes `ROWS` runs of `COLS` elements that continue the previous tile's.
//! Inside a tile, 8-byte elements move as 8x8 blocks transposed in AVX-512
//! registers where the processor has it, other elements one at a time.
//!
//! Stores are ordinary: measured on a 3162² float64 transpose (AMD EPYC),
//! streaming tiles out through cached scratch was 20-60 % slower than
//! this, whatever the tile shape, and prefetching the next tile did not
//! help either.

/// Destination rows per tile (source elements read per source run).
const ROWS: usize = 64;
/// Destination columns per tile (source runs per tile).
const COLS: usize = 256;

/// One plane to transpose. Strides are in bytes; elements of the same
/// destination row are adjacent, as are elements of the same source row.
#[derive(Clone, Copy, Debug)]
pub struct Plane {
    pub dst: *mut u8,
    /// Bytes from one destination row to the next.
    pub dst_row: isize,
    pub src: *const u8,
    /// Bytes from one source row to the next (one destination column).
    pub src_row: isize,
    /// Destination rows (source columns).
    pub rows: usize,
    /// Destination columns (source rows).
    pub cols: usize,
}

/// Copies the plane.
///
/// # Safety
/// Both sides must address `rows x cols` valid elements of type `T`, and
/// must not overlap.
pub unsafe fn transpose<T: Copy>(plane: Plane) {
    let size = size_of::<T>();
    for i0 in (0..plane.rows).step_by(ROWS) {
        let height = ROWS.min(plane.rows - i0);
        for j0 in (0..plane.cols).step_by(COLS) {
            let width = COLS.min(plane.cols - j0);
            let src = plane
                .src
                .wrapping_offset(plane.src_row * j0 as isize + (i0 * size) as isize);
            let dst = plane
                .dst
                .wrapping_offset(plane.dst_row * i0 as isize + (j0 * size) as isize);
            tile::<T>(dst, plane.dst_row, src, plane.src_row, height, width);
        }
    }
}

/// `out[r][c] = src[c][r]` for `r < height`, `c < width`.
///
/// # Safety
/// As for `transpose`, for this tile.
unsafe fn tile<T: Copy>(
    out: *mut u8,
    out_row: isize,
    src: *const u8,
    src_row: isize,
    height: usize,
    width: usize,
) {
    #[cfg(target_arch = "x86_64")]
    if size_of::<T>() == 8 && std::arch::is_x86_feature_detected!("avx512f") {
        return avx512::tile(out, out_row, src, src_row, height, width);
    }
    scalar::<T>(out, out_row, src, src_row, (0, height), (0, width));
}

/// The tile's elements in rows `r0..r1`, columns `c0..c1`, one at a time.
///
/// # Safety
/// As for `tile`.
unsafe fn scalar<T: Copy>(
    out: *mut u8,
    out_row: isize,
    src: *const u8,
    src_row: isize,
    (r0, r1): (usize, usize),
    (c0, c1): (usize, usize),
) {
    let size = size_of::<T>();
    for r in r0..r1 {
        let line = out.wrapping_offset(out_row * r as isize);
        for c in c0..c1 {
            let v = src
                .wrapping_offset(src_row * c as isize + (r * size) as isize)
                .cast::<T>()
                .read_unaligned();
            line.wrapping_add(c * size).cast::<T>().write_unaligned(v);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::{
        __m512d, _mm512_loadu_pd, _mm512_shuffle_f64x2, _mm512_storeu_pd, _mm512_unpackhi_pd,
        _mm512_unpacklo_pd,
    };

    /// `super::tile` for 8-byte elements: 8x8 blocks in registers, the
    /// edges one element at a time. The elements are moved as bits
    /// (loads, shuffles and stores never change or inspect them).
    ///
    /// # Safety
    /// As for `super::tile`; the processor must have AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub unsafe fn tile(
        out: *mut u8,
        out_row: isize,
        src: *const u8,
        src_row: isize,
        height: usize,
        width: usize,
    ) {
        let (h8, w8) = (height / 8 * 8, width / 8 * 8);
        for r in (0..h8).step_by(8) {
            for c in (0..w8).step_by(8) {
                let from = src.wrapping_offset(src_row * c as isize + (r * 8) as isize);
                let to = out.wrapping_offset(out_row * r as isize + (c * 8) as isize);
                block(to, out_row, from, src_row);
            }
        }
        super::scalar::<u64>(out, out_row, src, src_row, (0, h8), (w8, width));
        super::scalar::<u64>(out, out_row, src, src_row, (h8, height), (0, width));
    }

    /// Transposes one 8x8 block of 8-byte elements.
    ///
    /// # Safety
    /// `src` must address 8 rows of 8 elements `src_row` bytes apart, `out`
    /// 8 such rows `out_row` apart; the processor must have AVX-512F.
    #[target_feature(enable = "avx512f")]
    unsafe fn block(out: *mut u8, out_row: isize, src: *const u8, src_row: isize) {
        let row = |k: isize| _mm512_loadu_pd(src.wrapping_offset(src_row * k).cast::<f64>());
        let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3));
        let (r4, r5, r6, r7) = (row(4), row(5), row(6), row(7));
        // Pairs of rows interleaved: t0 = r0[0] r1[0] | r0[2] r1[2] | ...
        let (t0, t1) = (_mm512_unpacklo_pd(r0, r1), _mm512_unpackhi_pd(r0, r1));
        let (t2, t3) = (_mm512_unpacklo_pd(r2, r3), _mm512_unpackhi_pd(r2, r3));
        let (t4, t5) = (_mm512_unpacklo_pd(r4, r5), _mm512_unpackhi_pd(r4, r5));
        let (t6, t7) = (_mm512_unpacklo_pd(r6, r7), _mm512_unpackhi_pd(r6, r7));
        // 128-bit lanes 0,2 (`EVEN`) or 1,3 (`ODD`) of each operand.
        const EVEN: i32 = 0x88;
        const ODD: i32 = 0xdd;
        // u0 = r0[0] r1[0] | r0[4] r1[4] | r2[0] r3[0] | r2[4] r3[4], ...
        let u0 = _mm512_shuffle_f64x2::<EVEN>(t0, t2);
        let u1 = _mm512_shuffle_f64x2::<ODD>(t0, t2);
        let u2 = _mm512_shuffle_f64x2::<EVEN>(t1, t3);
        let u3 = _mm512_shuffle_f64x2::<ODD>(t1, t3);
        let u4 = _mm512_shuffle_f64x2::<EVEN>(t4, t6);
        let u5 = _mm512_shuffle_f64x2::<ODD>(t4, t6);
        let u6 = _mm512_shuffle_f64x2::<EVEN>(t5, t7);
        let u7 = _mm512_shuffle_f64x2::<ODD>(t5, t7);
        // Column m of the block: r0[m] r1[m] ... r7[m].
        let columns: [__m512d; 8] = [
            _mm512_shuffle_f64x2::<EVEN>(u0, u4),
            _mm512_shuffle_f64x2::<EVEN>(u2, u6),
            _mm512_shuffle_f64x2::<EVEN>(u1, u5),
            _mm512_shuffle_f64x2::<EVEN>(u3, u7),
            _mm512_shuffle_f64x2::<ODD>(u0, u4),
            _mm512_shuffle_f64x2::<ODD>(u2, u6),
            _mm512_shuffle_f64x2::<ODD>(u1, u5),
            _mm512_shuffle_f64x2::<ODD>(u3, u7),
        ];
        for (k, column) in columns.into_iter().enumerate() {
            _mm512_storeu_pd(
                out.wrapping_offset(out_row * k as isize).cast::<f64>(),
                column,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Transposes a `rows x cols` plane (with padded rows on both sides)
    /// and checks every element against its definition.
    fn check(rows: usize, cols: usize) {
        let (src_pitch, dst_pitch) = (rows + 3, cols + 5);
        let src: Vec<u64> = (0..cols * src_pitch).map(|k| k as u64).collect();
        let mut dst = vec![u64::MAX; rows * dst_pitch];
        let plane = Plane {
            dst: dst.as_mut_ptr().cast(),
            dst_row: (dst_pitch * 8) as isize,
            src: src.as_ptr().cast(),
            src_row: (src_pitch * 8) as isize,
            rows,
            cols,
        };
        // SAFETY: both vectors hold the planes described, with room for
        // their padding, and are distinct.
        unsafe {
            transpose::<u64>(plane);
        }
        for i in 0..rows {
            for j in 0..cols {
                assert_eq!(dst[i * dst_pitch + j], src[j * src_pitch + i], "{i},{j}");
            }
            assert!(dst[i * dst_pitch + cols..(i + 1) * dst_pitch]
                .iter()
                .all(|&v| v == u64::MAX));
        }
    }

    #[test]
    fn every_edge_case_of_the_tiles() {
        for (rows, cols) in [(1, 1), (7, 9), (8, 8), (65, 130), (129, 257), (3, 600)] {
            check(rows, cols);
        }
    }

    #[test]
    fn narrow_elements() {
        let (rows, cols) = (70, 133);
        let src: Vec<u16> = (0..rows * cols).map(|k| k as u16).collect();
        let mut dst = vec![0u16; rows * cols];
        let plane = Plane {
            dst: dst.as_mut_ptr().cast(),
            dst_row: (cols * 2) as isize,
            src: src.as_ptr().cast(),
            src_row: (rows * 2) as isize,
            rows,
            cols,
        };
        // SAFETY: both vectors hold `rows * cols` elements and are distinct.
        unsafe {
            transpose::<u16>(plane);
        }
        for i in 0..rows {
            for j in 0..cols {
                assert_eq!(dst[i * cols + j], src[j * rows + i]);
            }
        }
    }
}
