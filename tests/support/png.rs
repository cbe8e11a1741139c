//! Just enough PNG to look at a browser's screenshot: chunks, zlib/DEFLATE (after Mark
//! Adler's `puff`, with the Adler-32 check), scanline filters; 8-bit RGB and RGBA only.
//! Returns the pixels as RGBA.

/// A decoded image.
pub struct Image {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// RGBA, row by row.
    pub rgba: Vec<[u8; 4]>,
}

/// Decodes a PNG file.
pub fn decode(png: &[u8]) -> Result<Image, String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !png.starts_with(SIGNATURE) {
        return Err("not a PNG file".into());
    }
    let mut at = SIGNATURE.len();
    let (mut width, mut height, mut channels) = (0usize, 0usize, 0usize);
    let mut idat = Vec::new();
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let data = png.get(at + 8..at + 8 + len).ok_or("truncated chunk")?;
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
                let (depth, colour, interlace) = (data[8], data[9], data[12]);
                channels = match (depth, colour) {
                    (8, 2) => 3,
                    (8, 6) => 4,
                    _ => {
                        return Err(format!(
                            "bit depth {depth}, colour type {colour}: not handled"
                        ));
                    }
                };
                if interlace != 0 {
                    return Err("interlaced PNG: not handled".into());
                }
            }
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let raw = zlib(&idat)?;
    let stride = width * channels;
    if raw.len() != height * (stride + 1) {
        return Err(format!(
            "{} bytes of scanlines, expected {}",
            raw.len(),
            height * (stride + 1)
        ));
    }
    let mut pixels = vec![0u8; height * stride];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels {
                pixels[y * stride + x - channels]
            } else {
                0
            };
            let b = if y > 0 {
                pixels[(y - 1) * stride + x]
            } else {
                0
            };
            let c = if x >= channels && y > 0 {
                pixels[(y - 1) * stride + x - channels]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                f => return Err(format!("unknown filter {f}")),
            };
            pixels[y * stride + x] = line[x].wrapping_add(predicted);
        }
    }
    let rgba = pixels
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2], if channels == 4 { p[3] } else { 255 }])
        .collect();
    Ok(Image {
        width,
        height,
        rgba,
    })
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// A zlib stream: header, DEFLATE data, Adler-32 of the output.
fn zlib(data: &[u8]) -> Result<Vec<u8>, String> {
    if data.len() < 6 || (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 != 0 {
        return Err("bad zlib header".into());
    }
    let mut bits = Bits {
        data: &data[2..],
        pos: 0,
        buf: 0,
        cnt: 0,
    };
    let out = inflate(&mut bits)?;
    let tail = &data[data.len() - 4..];
    let want = u32::from_be_bytes(tail.try_into().unwrap());
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in out.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    if (b << 16 | a) != want {
        return Err("Adler-32 mismatch: the decoder is wrong or the file is damaged".into());
    }
    Ok(out)
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    cnt: u32,
}

impl Bits<'_> {
    fn need(&mut self, n: u32) -> Result<u32, String> {
        let mut val = self.buf;
        while self.cnt < n {
            let byte = *self.data.get(self.pos).ok_or("DEFLATE data ran out")?;
            self.pos += 1;
            val |= u32::from(byte) << self.cnt;
            self.cnt += 8;
        }
        self.buf = val >> n;
        self.cnt -= n;
        Ok(val & ((1u32 << n) - 1))
    }
}

struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Self {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[l as usize] += 1;
        }
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + count[len];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbol[offs[l as usize] as usize] = s as u16;
                offs[l as usize] += 1;
            }
        }
        count[0] = 0;
        Self { count, symbol }
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Result<u16, String> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.need(1)? as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                return Ok(self.symbol[(index + (code - first)) as usize]);
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        Err("bad Huffman code".into())
    }
}

const LBASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEXT: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DBASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DEXT: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

fn inflate(bits: &mut Bits<'_>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let last = bits.need(1)?;
        match bits.need(2)? {
            0 => {
                bits.buf = 0;
                bits.cnt = 0;
                let d = bits
                    .data
                    .get(bits.pos..bits.pos + 4)
                    .ok_or("stored block cut")?;
                let len = usize::from(u16::from_le_bytes([d[0], d[1]]));
                bits.pos += 4;
                let block = bits
                    .data
                    .get(bits.pos..bits.pos + len)
                    .ok_or("stored block cut")?;
                out.extend_from_slice(block);
                bits.pos += len;
            }
            1 => {
                let mut lengths = [0u8; 288];
                lengths[..144].fill(8);
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                lengths[280..].fill(8);
                let lit = Huffman::new(&lengths);
                let dist = Huffman::new(&[5u8; 30]);
                codes(bits, &mut out, &lit, &dist)?;
            }
            2 => {
                let nlen = bits.need(5)? as usize + 257;
                let ndist = bits.need(5)? as usize + 1;
                let ncode = bits.need(4)? as usize + 4;
                const ORDER: [usize; 19] = [
                    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
                ];
                let mut lengths = [0u8; 19];
                for &o in ORDER.iter().take(ncode) {
                    lengths[o] = bits.need(3)? as u8;
                }
                let lencode = Huffman::new(&lengths);
                let mut all = vec![0u8; nlen + ndist];
                let mut i = 0;
                while i < nlen + ndist {
                    let sym = lencode.decode(bits)?;
                    if sym < 16 {
                        all[i] = sym as u8;
                        i += 1;
                        continue;
                    }
                    let (value, times) = match sym {
                        16 => (
                            *all.get(i.wrapping_sub(1))
                                .ok_or("repeat with nothing before")?,
                            3 + bits.need(2)?,
                        ),
                        17 => (0, 3 + bits.need(3)?),
                        _ => (0, 11 + bits.need(7)?),
                    };
                    for _ in 0..times {
                        *all.get_mut(i).ok_or("too many lengths")? = value;
                        i += 1;
                    }
                }
                let lit = Huffman::new(&all[..nlen]);
                let dist = Huffman::new(&all[nlen..]);
                codes(bits, &mut out, &lit, &dist)?;
            }
            _ => return Err("bad block type".into()),
        }
        if last == 1 {
            return Ok(out);
        }
    }
}

fn codes(
    bits: &mut Bits<'_>,
    out: &mut Vec<u8>,
    lit: &Huffman,
    dist: &Huffman,
) -> Result<(), String> {
    loop {
        let sym = lit.decode(bits)? as usize;
        if sym < 256 {
            out.push(sym as u8);
        } else if sym == 256 {
            return Ok(());
        } else {
            let s = sym - 257;
            let len = usize::from(*LBASE.get(s).ok_or("bad length code")?)
                + bits.need(u32::from(LEXT[s]))? as usize;
            let d = dist.decode(bits)? as usize;
            let back = usize::from(*DBASE.get(d).ok_or("bad distance code")?)
                + bits.need(u32::from(DEXT[d]))? as usize;
            if back > out.len() {
                return Err("distance too far back".into());
            }
            let start = out.len() - back;
            for k in 0..len {
                out.push(out[start + k]);
            }
        }
    }
}
