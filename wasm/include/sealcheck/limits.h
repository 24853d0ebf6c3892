// Every bound the engine applies to hostile input, in one place (qpdf's
// habit): change a limit here and nowhere else.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sealcheck::limits {

// Largest file the engine accepts. A real certificate is well under 5 MB;
// 256 MB leaves room for scanned attachments without letting a phone's
// browser run out of memory.
inline constexpr std::size_t kMaxFileBytes = 256u * 1024u * 1024u;

// Largest /Contents placeholder we decode (hex digits). CMS blobs with a
// chain and a timestamp are a few KB; 1 MB of hex is generous.
inline constexpr std::size_t kMaxContentsHexChars = 1024u * 1024u;

// Signature dictionaries examined per file; more is reported, not checked.
inline constexpr std::size_t kMaxSignatures = 64;
// Earlier seals (before the last one) verified per file: each hashes up to
// the whole file again. Later ones are listed as not checked.
inline constexpr std::size_t kMaxEarlierSealsChecked = 8;

// --- OFD packages (ZIP) ------------------------------------------------------
inline constexpr std::size_t kMaxZipEntries = 10000;
inline constexpr std::size_t kMaxZipNameBytes = 1024;
inline constexpr std::size_t kMaxZipEntryBytes = 64u * 1024u * 1024u;   // one entry, inflated
inline constexpr std::size_t kMaxZipTotalBytes = 256u * 1024u * 1024u;  // all entries, as the directory states
// OFD's XML parts (ofd/xml.h): element nesting, elements and attributes of
// one part; more is refused, never read in part.
inline constexpr int kMaxXmlDepth = 64;
inline constexpr std::size_t kMaxXmlNodes = 1u << 18;
inline constexpr std::size_t kMaxXmlAttributes = 64;  // of one element
// OFD signatures of one document, pages read for text, and the references
// of one signature.
inline constexpr std::size_t kMaxOfdSignatures = 64;
inline constexpr std::size_t kMaxOfdReferences = 10000;

// --- PDF object parser -----------------------------------------------------
// Nesting of arrays and dictionaries.
inline constexpr int kMaxNesting = 64;
// One string, name or number token.
inline constexpr std::size_t kMaxStringBytes = 4u * 1024u * 1024u;
inline constexpr std::size_t kMaxNameBytes = 256;
inline constexpr std::size_t kMaxNumberChars = 40;
// Elements in one array or dictionary.
inline constexpr std::size_t kMaxContainerItems = 1u << 20;
// Object numbers accepted (the spec's own limit is 8,388,607).
inline constexpr std::uint32_t kMaxObjectNumber = 8388607;
// Xref entries read across all sections.
inline constexpr std::size_t kMaxXrefEntries = 4u * 1024u * 1024u;
// Xref sections followed through /Prev and /XRefStm (one per revision).
inline constexpr std::size_t kMaxRevisions = 4096;
// Decoded size of one stream we need to read (xref and object streams).
inline constexpr std::size_t kMaxDecodedStreamBytes = 64u * 1024u * 1024u;
// Decoded bytes per encoded byte before a stream is called a bomb.
inline constexpr std::size_t kMaxExpansionRatio = 1000;
// Filters chained on one stream (/Filter [/ASCII85Decode /FlateDecode]).
inline constexpr std::size_t kMaxFilterChain = 8;
// Objects in one object stream.
inline constexpr std::size_t kMaxObjectsPerObjectStream = 100000;
// AcroForm field tree: depth and total fields visited.
inline constexpr int kMaxFieldDepth = 32;
inline constexpr std::size_t kMaxFields = 10000;
// Indirect references followed while resolving one value.
inline constexpr int kMaxResolveDepth = 32;
// Warnings kept per document (more are counted, not stored).
inline constexpr std::size_t kMaxWarnings = 100;
// How far from the end "startxref" is searched for.
inline constexpr std::size_t kStartxrefSearchWindow = 4096;
// Total objects parsed while searching for signature dictionaries.
inline constexpr std::size_t kMaxObjectsScanned = 1u << 20;

// --- page text ---------------------------------------------------------------
// Pages whose text is read (a certificate has one or two).
inline constexpr std::size_t kMaxTextPages = 16;
// Decoded content of one page, its Form XObjects included.
inline constexpr std::size_t kMaxPageContentBytes = 16u * 1024u * 1024u;
// Operators interpreted per page (a real certificate page has a few thousand).
inline constexpr std::size_t kMaxContentOperators = 1u << 20;
// Glyphs shown per page, hidden and rotated ones included.
inline constexpr std::size_t kMaxPageGlyphs = 1u << 17;
// Form XObjects drawn inside each other.
inline constexpr int kMaxXObjectDepth = 12;
// Annotations whose appearances are read per page (form fields' values).
inline constexpr std::size_t kMaxAnnotationsPerPage = 1024;
// Distinct fonts used on one page (Chromium writes CJK text as many small
// Type 3 fonts: 74 for one certificate page).
inline constexpr std::size_t kMaxFontsPerPage = 4096;
// One CMap program (decoded), its statements, and the codes it maps.
inline constexpr std::size_t kMaxCMapBytes = 4u * 1024u * 1024u;
inline constexpr std::size_t kMaxCMapStatements = 1u << 16;
inline constexpr std::size_t kMaxCMapCodes = 1u << 18;
// ... and the codes all fonts of one page map together.
inline constexpr std::size_t kMaxCMapCodesPerPage = 1u << 20;
// Text smaller than this (points, as displayed) is not read: nobody sees it.
inline constexpr double kMinVisibleTextSize = 1.0;
// Text lines kept in a report for a person to compare with the preview.
inline constexpr std::size_t kMaxReportedLines = 200;
inline constexpr std::size_t kMaxReportedLineBytes = 400;

// Trust anchors accepted from the caller.
inline constexpr std::size_t kMaxTrustAnchors = 256;

}  // namespace sealcheck::limits
