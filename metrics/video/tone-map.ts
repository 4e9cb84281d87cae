/** Transfer functions of HDR video (ffmpeg's names) and what people call them. */
const HDR_TRANSFERS: Record<string, string> = { smpte2084: 'PQ', 'arib-std-b67': 'HLG' };

export interface ToneMap {
  /** Filters that turn the decoded HDR frames into 8-bit-ready BT.709 SDR, placed before scaling. */
  filter: string;
  /** What was done, for the score's details: "tone-mapped from PQ/bt2020 with hable". */
  note: string;
}

/**
 * HDR frames read as 8-bit RGB without tone mapping come out washed out and dim (PQ code values
 * are not display light), so every metric would see another picture than a viewer does. zscale
 * linearises (nominal peak 100 nits), converts the primaries to BT.709 in float, and Hable's curve
 * compresses the highlights, as ffmpeg's documentation does it. Null for SDR.
 */
export function toneMapFor(transfer: string, primaries: string): ToneMap | null {
  const name = HDR_TRANSFERS[transfer];
  if (name === undefined) return null;
  const pin = primaries === 'unknown' ? 'bt2020' : primaries;
  return {
    filter: [
      `zscale=tin=${transfer}:pin=${pin}:min=bt2020nc:t=linear:npl=100`,
      'format=gbrpf32le',
      'zscale=p=bt709',
      'tonemap=tonemap=hable:desat=0',
      'zscale=t=bt709:m=bt709:r=tv',
      'format=yuv420p',
    ].join(','),
    note: `tone-mapped from ${name}/${pin} to BT.709 SDR with hable (zscale, nominal peak 100 nits)`,
  };
}
