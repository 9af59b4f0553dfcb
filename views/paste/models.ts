/**
 * What the paste pages are given: plain view models, declared here so that the pages know nothing
 * of the app's store rows or domain types. The app maps its pastes, permissions, lifetimes and
 * language lists to these (`src/apps/paste/routes/present.ts`).
 *
 * @example
 *   const meta: PasteMeta = { id, filename: 'a.go', createdAt, expiresAt: null, size: 12, unlisted: false, burn: false };
 */

import type { SuiteFrame } from '../../src/platform/frame.js';

/** What every paste page needs to know about the service and the viewer. */
export interface PageCtx {
  /** The name users type, e.g. `paste`. */
  brand: string;
  /** The viewer's name, or undefined for an anonymous (Funnel) viewer. */
  viewer?: string;
  canCreate: boolean;
  canListAll: boolean;
  canListOwn: boolean;
  /** The suite frame of the request (no navigation for anonymous viewers). */
  frame?: SuiteFrame;
}

/** What the pages show about any paste. */
export interface PasteMeta {
  id: string;
  filename: string;
  /** RFC 3339 UTC. */
  createdAt: string;
  /** RFC 3339 UTC, or null for a paste that never expires. */
  expiresAt: string | null;
  /** Bytes of UTF-8. */
  size: number;
  unlisted: boolean;
  burn: boolean;
}

/** A row of a listing: the paste and who pasted it. */
export interface ListedPaste extends PasteMeta {
  language: string;
  author: { displayName: string; login: string };
}

/** The paste a view page shows; `author` is left out when it is hidden from this viewer. */
export interface ViewedPaste extends PasteMeta {
  /** The stored (detected) language. */
  language: string;
  author?: { displayName: string; login: string; node: string };
}

/** Languages to choose from: an id (`python`) and the name a person reads (`Python`). */
export type LanguageList = ReadonlyArray<{ id: string; name: string }>;

/** The lifetimes a paste can be given (the form labels each one). */
export type LifetimeChoice = '1h' | '1d' | '1w' | '30d' | 'never';

/** The create form's values, when it is shown filled in (edit as new, or sent back with an error). */
export interface PasteFormValues {
  content?: string;
  filename?: string;
  expires?: string;
  unlisted?: boolean;
  burn?: boolean;
  language?: string;
}

/** The views of a paste a burn-after-reading reveal can lead to. */
export type RevealTarget = 'view' | 'raw' | 'dl' | 'md' | 'org';
