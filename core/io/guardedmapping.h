#pragma once

#include <QByteArrayView>
#include <QFile>

#include <atomic>

namespace nightwatt {

// A read-only mapping of a whole file that survives the file shrinking while it is read (a log
// rotated with copytruncate, a person emptying a live log). Touching a mapped page past the new
// end of a file raises SIGBUS; for the pages of a guarded mapping the handler puts zero pages in
// their place instead, so the reader sees NUL bytes (padding to every line format) and goes on,
// and shrank() says so. Other SIGBUS faults go to the handler that was there before.
class GuardedMapping
{
public:
    // Maps all of `file`, which must be open for reading; isMapped() is false when it cannot be
    // (some file systems, or a system without the guard of core/platform/mappingguard.h), and the
    // caller reads the file instead.
    explicit GuardedMapping(QFile &file);
    ~GuardedMapping();
    GuardedMapping(const GuardedMapping &) = delete;
    GuardedMapping &operator=(const GuardedMapping &) = delete;

    bool isMapped() const { return m_data != nullptr; }
    QByteArrayView bytes() const;
    // Set from the signal handler at the first fault past the file's end: readers may stop there.
    const std::atomic_bool &faulted() const;
    // The file is now shorter than what was mapped: part of what was read may be zeros, not the
    // file's bytes. Also true when the file shrank within the mapping's last page (no fault then).
    bool shrank() const;
    qint64 mappedSize() const { return m_size; }
    qint64 currentSize() const;

private:
    QFile &m_file;
    uchar *m_data = nullptr;
    qint64 m_size = 0;
    int m_slot = -1; // in the handler's table of guarded ranges; -1: not guarded
};

} // namespace nightwatt
