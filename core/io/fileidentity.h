#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace nightwatt {

// The file behind a path, whatever the path's spelling: symlinks followed, "..", hard links.
struct FileIdentity
{
    quint64 device = 0;
    quint64 inode = 0;
    friend bool operator==(const FileIdentity &a, const FileIdentity &b) { return a.device == b.device && a.inode == b.inode; }
    friend bool operator!=(const FileIdentity &a, const FileIdentity &b) { return !(a == b); }

    // nullopt when nothing is there (or the system cannot say).
    static std::optional<FileIdentity> of(const QString &path);
};

// Would writing `a` write `b`? The same device and inode when both exist; when either does not
// exist yet, the same place once symlinks (dangling ones too) and ".." are resolved, so writing
// would create the other.
bool isSameFile(const QString &a, const QString &b);
// The first of `others` that is the same file as `path` (isSameFile), else nullopt.
std::optional<QString> sameFileAmong(const QString &path, const QStringList &others);
// A regular file with at least one byte in it: something writing `path` would destroy.
bool holdsData(const QString &path);

} // namespace nightwatt
