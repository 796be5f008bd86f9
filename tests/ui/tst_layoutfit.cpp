#include "dashboard.h"
#include "mainwindow.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

using namespace nightwatt;

// The window at every size people use, from a small laptop to a 4K screen: no text is cut off,
// no panel reaches past the window's edge.
class TestLayoutFit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void windowTextIsNeverClipped_data();
    void windowTextIsNeverClipped();

private:
    QTemporaryDir m_libraryDir;
};

namespace {

// The width the widget needs to show its text whole.
int neededWidth(const QWidget *widget)
{
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        return label->wordWrap() ? 0 : label->minimumSizeHint().width();
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        return button->text().isEmpty() ? 0 : button->minimumSizeHint().width(); // an icon (a line edit's clear button) has no text to cut
    if (const auto *edit = qobject_cast<const QLineEdit *>(widget)) {
        // The text plus the frame and the margins QLineEdit keeps around it.
        const QMargins margins = edit->textMargins() + edit->contentsMargins();
        return edit->fontMetrics().horizontalAdvance(edit->text()) + margins.left() + margins.right() + 2 * 2 +
               2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth);
    }
    return 0;
}

// Why `widget` does not show all of its text, or empty when it does.
QString clipping(QWidget *widget)
{
    const QString name = QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(widget->metaObject()->className()),
                                                          widget->property("text").toString().left(60));
    if (const int needed = neededWidth(widget); widget->width() < needed)
        return QStringLiteral("%1 is %2 px wide, its text needs %3").arg(name).arg(widget->width()).arg(needed);
    if (const auto *label = qobject_cast<const QLabel *>(widget); label && label->wordWrap() && !label->text().isEmpty()) {
        const int needed = label->heightForWidth(label->width());
        if (label->height() < needed)
            return QStringLiteral("%1 is %2 px high, its wrapped text needs %3").arg(name).arg(label->height()).arg(needed);
    }
    // Every ancestor up to the window (or a scrolled page, whose hidden part scrolls into view)
    // must hold the widget whole.
    QRect rect = widget->rect();
    for (QWidget *child = widget; child->parentWidget() && !child->isWindow(); child = child->parentWidget()) {
        QWidget *parent = child->parentWidget();
        rect.translate(child->pos());
        if (qobject_cast<QAbstractScrollArea *>(parent->parentWidget()) && parent == static_cast<QAbstractScrollArea *>(parent->parentWidget())->viewport())
            break;
        if (!parent->rect().contains(rect))
            return QStringLiteral("%1 reaches past its %2 (%3 in %4x%5)")
                .arg(name, QString::fromLatin1(parent->metaObject()->className()))
                .arg(QStringLiteral("%1,%2 %3x%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height()))
                .arg(parent->width())
                .arg(parent->height());
    }
    return {};
}

} // namespace

void TestLayoutFit::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_layoutfit"));
    QSettings().clear();
    qputenv("NIGHTWATT_LIBRARY", m_libraryDir.filePath(QStringLiteral("library.sqlite")).toUtf8());
}

void TestLayoutFit::windowTextIsNeverClipped_data()
{
    QTest::addColumn<QString>("log");
    QTest::addColumn<QSize>("size");
    const QString sample = QStringLiteral(":/sample/sample-run.txt");
    const QString gpus = QStringLiteral(NIGHTWATT_TEST_DATA "/nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv");
    for (const QSize size : {QSize(800, 600), QSize(1000, 700), QSize(1280, 800), QSize(1600, 900), QSize(1920, 1080), QSize(3840, 2160)}) {
        const QString sizeText = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        QTest::addRow("sample %s", qPrintable(sizeText)) << sample << size;
        QTest::addRow("8 GPUs %s", qPrintable(sizeText)) << gpus << size;
    }
}

void TestLayoutFit::windowTextIsNeverClipped()
{
    QFETCH(QString, log);
    QFETCH(QSize, size);
    MainWindow window;
    window.openFiles({log});
    QTRY_VERIFY(window.dashboard()->run().has_value());
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50); // the chart's and the panels' layouts settle from posted events
    QCOMPARE(window.size(), size);
    QStringList clipped;
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible() || !(qobject_cast<QLabel *>(widget) || qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)))
            continue;
        if (const QString why = clipping(widget); !why.isEmpty())
            clipped << why;
    }
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u'\n')));
}

QTEST_MAIN(TestLayoutFit)
#include "tst_layoutfit.moc"
