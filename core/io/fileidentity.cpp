#include "io/fileidentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace nightwatt {

namespace {

// Where writing `path` lands: through every symlink, also one whose target does not exist yet,
// in a folder named by its canonical path.
QString resolvedPlace(const QString &path)
{
    QFileInfo info(path);
    for (int hops = 0; info.isSymLink() && hops < 40; ++hops)
        info = QFileInfo(info.symLinkTarget());
    if (info.exists())
        return info.canonicalFilePath();
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : QDir(folder).filePath(info.fileName());
}

} // namespace

std::optional<FileIdentity> FileIdentity::of(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return std::nullopt;
    return FileIdentity{quint64(info.st_dev), quint64(info.st_ino)};
#else
    Q_UNUSED(path);
    return std::nullopt;
#endif
}

bool isSameFile(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    const auto first = FileIdentity::of(a);
    const auto second = FileIdentity::of(b);
    if (first && second)
        return *first == *second;
    return resolvedPlace(a) == resolvedPlace(b);
}

std::optional<QString> sameFileAmong(const QString &path, const QStringList &others)
{
    for (const QString &other : others) {
        if (isSameFile(path, other))
            return other;
    }
    return std::nullopt;
}

bool holdsData(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.size() > 0;
}

} // namespace nightwatt
