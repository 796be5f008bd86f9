#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace nightwatt {

// The File > Open Recent menu, remembered in QSettings (newest first, at most ten).
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    void add(const QString &path);
    QStringList paths() const;

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuild();

    QMenu *m_menu;
};

} // namespace nightwatt
