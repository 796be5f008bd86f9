#pragma once

#include <QWidget>

namespace nightwatt {

class Co2BarChartPrivate;

// Three horizontal bars in kg CO2 a year: the training, everyday use, and the gasoline that emits
// as much as the training. Qt Charts stays behind this class.
class Co2BarChart : public QWidget
{
    Q_OBJECT
public:
    explicit Co2BarChart(QWidget *parent = nullptr);
    ~Co2BarChart() override;

    void setFigures(double trainingKg, double everydayKg, double gasolineGallons);

private:
    std::unique_ptr<Co2BarChartPrivate> d;
};

} // namespace nightwatt
