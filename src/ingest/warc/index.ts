/** Reading and writing WARC web archives: records, HTTP exchanges, HTML pages. */
export { httpRequestFromRecord, httpResponseBody, httpResponseFromRecord, httpResponseHead, type HttpOptions, type HttpRequest, type HttpResponse, type HttpResponseHead } from './http.ts';
export { decodeContentEncoding, dechunk } from './http-body.ts';
export { isHtmlType, isWarcPageError, looksLikeHtml, warcPages, type WarcPage, type WarcPageError, type WarcPageItem, type WarcPagesOptions } from './pages.ts';
export { DEFAULT_MAX_RECORD_BYTES, readWarc, type ByteSource, type ReadWarcOptions } from './read-warc.ts';
export { isWarcError, type WarcError, type WarcHeader, type WarcItem, type WarcRecord } from './types.ts';
export { httpRequestPayload, httpResponsePayload, newRecordId, warcDigest, warcRecordBytes, writeWarc, type WarcRecordInput, type WriteWarcOptions } from './write-warc.ts';
