#pragma once

#include <QtGlobal>

namespace nightwatt::platform {

// The byte classes of a line filter as nibble tables: a byte's class is
// low[byte & 15] & high[byte >> 4], one bit per byte value the filter names (bit 0: newline).
struct LineByteClasses
{
    alignas(32) unsigned char low[32];
    alignas(32) unsigned char high[32];
    unsigned char lastBits = 0;  // classes of the interesting last bytes, CR and NUL
    unsigned char firstBits = 0; // classes of the interesting first bytes
};
inline constexpr unsigned char kNewlineClass = 1;

// Whether the line starting at `line` (`length` bytes, without its newline) is one the filter
// wants, by its first bytes; `context` is the filter.
using LineStartTest = bool (*)(const void *context, const char *line, qsizetype length);

// True when skipDullBlocks can run on this processor (decided at run time: one build serves
// every machine of its architecture).
bool hasVectorLineScan();

// Steps over 64-byte blocks in which no line that ends there is interesting, counting their
// lines (`lineNumber`) and moving `lineStart` past them. Stops at the first block that ends an
// interesting line (its newlines in `newlines`, bit i: block[i]), or where fewer than 64 bytes
// are left. Only when hasVectorLineScan(); the caller's scalar scan handles the rest.
const char *skipDullBlocks(const char *scan, const char *end, const char *&lineStart, qint64 &lineNumber,
                           const LineByteClasses &classes, LineStartTest startsInterestingly, const void *context,
                           quint64 &newlines);

} // namespace nightwatt::platform
