#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace nightwatt {

class SettingsWriter;

// The File > Open Recent menu, remembered in QSettings (newest first, at most ten) through
// `writer`.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    RecentFiles(QMenu *menu, SettingsWriter *writer, QObject *parent = nullptr);

    void add(const QString &path);
    QStringList paths() const;

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuild();

    void store();

    QMenu *m_menu;
    SettingsWriter *m_writer;
    QStringList m_paths; // what QSettings holds, or will once the writer has written it
};

} // namespace nightwatt
