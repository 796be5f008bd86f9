#pragma once

#include <QFile>

#include <atomic>

namespace nightwatt::platform {

// Keeps a read-only mapping of a file readable when the file shrinks under it (on Linux a read
// past the new end raises SIGBUS; the guard puts zero pages in place of the lost ones instead).
// guardMapping() returns a slot for the mapped range [data, data + size), or -1 when it cannot
// guard it (no free slot, or no guard on this system): the caller must not read that mapping.
int guardMapping(const uchar *data, qint64 size);
// The range's readers are done; the slot is free again.
void unguardMapping(int slot);
// Set at the first fault past the file's end, from the fault handler: readers may stop there.
const std::atomic_bool &mappingFaulted(int slot);

// The size of the open `file` as the file system has it now (not a cached figure).
qint64 currentFileSize(QFile &file);

} // namespace nightwatt::platform
