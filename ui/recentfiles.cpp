#include "recentfiles.h"

#include "settingswriter.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace nightwatt {

namespace {
constexpr int kMaxRecent = 10;
const QString kKey = QStringLiteral("recentFiles");
} // namespace

RecentFiles::RecentFiles(QMenu *menu, SettingsWriter *writer, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
    , m_writer(writer)
    , m_paths(QSettings().value(kKey).toStringList())
{
    rebuild();
}

QStringList RecentFiles::paths() const
{
    return m_paths;
}

void RecentFiles::store()
{
    m_writer->write({{kKey, m_paths.isEmpty() ? QVariant() : QVariant(m_paths)}});
    rebuild();
}

void RecentFiles::add(const QString &path)
{
    if (path.startsWith(u':'))
        return; // the bundled example is always one click away
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_paths.removeAll(absolute);
    m_paths.prepend(absolute);
    while (m_paths.size() > kMaxRecent)
        m_paths.removeLast();
    store();
}

void RecentFiles::rebuild()
{
    m_menu->clear();
    const QStringList &list = m_paths;
    int number = 1;
    for (const QString &path : list) {
        QAction *action = m_menu->addAction(QStringLiteral("&%1 %2").arg(number++ % 10).arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (list.isEmpty())
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
    m_menu->addSeparator();
    QAction *clear = m_menu->addAction(tr("Clear the list"));
    clear->setEnabled(!list.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        m_paths.clear();
        store();
    });
}

} // namespace nightwatt
