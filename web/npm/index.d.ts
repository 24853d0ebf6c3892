// Types of the sealcheck package (the report is INTERFACES.md's JSON).

export type Verdict = 'valid' | 'invalid' | 'indeterminate';
export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  id: string;
  status: Status;
  code: string;
  message_zh: string;
  message_en: string;
  detail?: string;
}

export interface Report {
  file: string;
  verdict: Verdict;
  validation_time: string;
  sm2_id?: string;
  checks: Check[];
  seal?: {
    signer: string;
    issuer: string;
    /** The seal's time (empty when unknown), and where it comes from: each a claim of the seal itself. */
    signed_at: string;
    time_source?: 'timestamp' | 'signingTime' | 'timeInfo' | 'signature-dictionary';
    /** The signer certificate's end of validity, and whether it has passed at the validation time. */
    certificate_not_after?: string;
    certificate_expired?: boolean;
    algorithm: string;
    coverage: string;
    certificate_sha256?: string;
    page?: number;
    rect?: [number, number, number, number];
    eseal?: { id: string; name: string; type: number; valid_from: string; valid_to: string; maker: string };
  };
  certificate?: Record<string, string>;
  annotation?: { scenario: string; not_before: string; not_after: string; applied_on: string; days_remaining?: number };
  revocation?: {
    status: 'good' | 'revoked' | 'unknown';
    list_number?: number;
    list_this_update?: string;
    list_next_update?: string;
    revoked_at?: string;
    reason_code?: string;
    reason_zh?: string;
    reason_en?: string;
  };
  /** Where each detail was read: the sealed page's text, the embedded block, or both (then they agree). */
  field_sources?: Record<string, 'page' | 'embedded' | 'page+embedded'>;
  /** The sealed pages' text lines, for a person to compare with the preview. */
  page_text?: string[];
  /** A data table the engine needed and was not given (e.g. 'gbk'): setTable it and verify again. */
  needs_table?: string;
}

export interface RevocationOption {
  manifest: Uint8Array;
  signature: Uint8Array;
  shardIndex?: number;
  shard?: Uint8Array;
  minListNumber?: number;
}

export interface VerifyOptions {
  /** Validation time, Unix seconds (default: now). */
  at?: number;
  /** Echoed in the report. */
  fileName?: string;
  /** Extra trust anchors, PEM. */
  anchorsPem?: string;
  /** Also trust the anchors compiled into the engine (default true). */
  builtinTrust?: boolean;
  /** The SM2 distinguishing ID of seal signatures ('' = 1234567812345678). */
  sm2Id?: string;
  /** The signed revocation list (without it: at best indeterminate). */
  revocation?: RevocationOption | null;
  /** The signed trust list (without it: at best indeterminate). */
  trustList?: { json: Uint8Array; signature: Uint8Array } | null;
}

export declare const OPTIONS: Readonly<Required<VerifyOptions>>;

export declare class EngineError extends Error {}

export declare class Engine {
  verify(bytes: Uint8Array, options?: VerifyOptions): Report;
  verifyJson(bytes: Uint8Array, options?: VerifyOptions): string;
  revocationFor(
    bytes: Uint8Array,
    list: { manifest: Uint8Array; signature: Uint8Array; minListNumber?: number },
    readShard: (file: string) => Uint8Array | null | Promise<Uint8Array | null>,
  ): RevocationOption | Promise<RevocationOption>;
  revocationShard(bytes: Uint8Array, manifest: Uint8Array): { index: number; file: string } | null;
  /** Gives a table a report named in needs_table ('gbk': the bytes of engine/gbk.bin; in Node it is given already). */
  setTable(name: string, bytes: Uint8Array): boolean;
  readonly maxFileBytes: number;
  oversizedJson(options?: { at?: number; fileName?: string }): string;
  unreadableJson(reason: string, options?: { at?: number; fileName?: string }): string;
  parseTime(text: string): number | null;
  sha256(bytes: Uint8Array): string;
  sm3(bytes: Uint8Array): string;
  sm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, id?: string): boolean;
  /** Whether this engine reads OFD documents. */
  readonly readsOfd: boolean;
  /** What a preview draws of an OFD page (hundredths of a point, y up), or null; the OFD engine only. */
  ofdPage(bytes: Uint8Array, page: number): {
    width: number;
    height: number;
    glyphs: [number, number, number, string][];
    images: { box: [number, number, number, number]; type: string; data: string }[];
    stamps: { box: [number, number, number, number]; type?: string; data?: string }[];
  } | null;
}

/**
 * `ofd`: the engine that reads OFD documents too (default: true in Node,
 * false in browsers, where the PDF-only engine is the smaller download).
 */
export declare function createEngine(options?: { wasmBinary?: ArrayBuffer | Uint8Array; ofd?: boolean }): Promise<Engine>;
