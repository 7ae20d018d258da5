"""The growth report tab: this week's or month's points per day as a bar chart, milestones reached, the streak
and suggestions — and its export to PDF (QPdfWriter; the chart drawn by the same painter code as on screen).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPalette,
    QPdfWriter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.growth import GrowthReport

from .. import icons

_CHART_URL = QUrl("growth-chart:points")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def paint_chart(painter: QPainter, rect: QRectF, points: tuple[tuple[date, int], ...], palette: QPalette) -> None:
    """Bars of points per day with day labels under them and the day's points above non-empty bars."""
    if not points:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    label_h = metrics.height() + 4
    top = rect.top() + label_h
    bottom = rect.bottom() - label_h
    highest = max(value for _, value in points) or 1
    slot = rect.width() / len(points)
    bar_w = max(2.0, slot * 0.62)
    weekly = len(points) <= 7
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawLine(int(rect.left()), int(bottom), int(rect.right()), int(bottom))
    locale = QLocale()
    for index, (day, value) in enumerate(points):
        x = rect.left() + slot * index + (slot - bar_w) / 2
        height = (bottom - top) * value / highest
        if value:
            painter.fillRect(QRectF(x, bottom - height, bar_w, height), palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRectF(x - 10, bottom - height - label_h, bar_w + 20, label_h),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
        # A month has ~30 bars: label every fifth day so the labels never overlap.
        if weekly or day.day == 1 or day.day % 5 == 0:
            text = locale.toString(_qdate(day), "ddd d" if weekly else "d")
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(x - 20, bottom + 2, bar_w + 40, label_h), Qt.AlignmentFlag.AlignHCenter, text)


class PointsChart(QWidget):
    """Points per day of the report's period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("growthChart")
        self.points: tuple[tuple[date, int], ...] = ()
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: tuple[tuple[date, int], ...]) -> None:
        self.points = points
        total = sum(value for _, value in points)
        self.setAccessibleDescription(self.tr("%n point(s) in this period", "", total))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chart(painter, QRectF(self.rect()).adjusted(8, 4, -8, -4), self.points, self.palette())


def _badge_url(badge_id: str) -> QUrl:
    return QUrl(f"atrium-badge:{badge_id}")


def add_badge_icons(document: QTextDocument, report: GrowthReport, colour: QColor) -> None:
    """Register the badge icons the report's milestone list shows (drawn by the app, not the emoji font)."""
    for m in report.milestones:
        image = icons.pixmap(icons.badge(m.badge_id), colour, 28).toImage()
        document.addResource(QTextDocument.ResourceType.ImageResource, _badge_url(m.badge_id), image)


class ReportPanel(QWidget):
    """Week/month choice, chart, summary and the PDF export."""

    period_changed = Signal(str)  # "week" | "month"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("growthReport")
        self.report: GrowthReport | None = None
        self.reports: dict[str, GrowthReport] = {}
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("growthPeriod")
        self.period_combo.setAccessibleName(self.tr("Report period"))
        self.period_combo.addItem(self.tr("This week"), "week")
        self.period_combo.addItem(self.tr("This month"), "month")
        self.period_combo.currentIndexChanged.connect(lambda _i: self._show_current())
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setObjectName("growthExport")
        self.export_button.setAccessibleName(self.tr("Export the report as PDF"))
        self.export_button.setToolTip(self.tr("Save this report as a PDF file (Ctrl+Shift+E)"))
        self.export_button.clicked.connect(self.choose_export_file)
        QShortcut(QKeySequence("Ctrl+Shift+E"), self, activated=self.choose_export_file)
        self.heading = QLabel()
        self.heading.setObjectName("growthReportHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = PointsChart()
        self.details = QTextBrowser()
        self.details.setObjectName("growthReportDetails")
        self.details.setAccessibleName(self.tr("Report details"))
        self.details.setOpenLinks(False)
        self.details.setOpenExternalLinks(False)
        self.details.setFrameShape(QTextBrowser.Shape.NoFrame)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.period_combo)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.details, 3)

    def set_reports(self, reports: dict[str, GrowthReport]) -> None:
        self.reports = reports
        self._show_current()

    def current_period(self) -> str:
        return str(self.period_combo.currentData())

    def _show_current(self) -> None:
        self.report = self.reports.get(self.current_period())
        self.export_button.setEnabled(self.report is not None)
        if self.report is None:
            return
        self.heading.setText(self._heading(self.report))
        self.chart.set_points(self.report.points_by_day)
        add_badge_icons(self.details.document(), self.report, self.palette().color(QPalette.ColorRole.Text))
        self.details.setHtml(self.summary_html(self.report))
        self.period_changed.emit(self.current_period())

    def _heading(self, report: GrowthReport) -> str:
        locale = QLocale()
        start = locale.toString(_qdate(report.period_start), QLocale.FormatType.ShortFormat)
        end = locale.toString(_qdate(report.period_end), QLocale.FormatType.ShortFormat)
        return self.tr("%1 – %2: %n point(s)", "", report.period_points).replace("%1", start).replace("%2", end)

    def summary_html(self, report: GrowthReport) -> str:
        """The report's text part (shared by the tab and the PDF); every value escaped."""
        locale = QLocale()
        # Texts are looked up outside the f-strings: lupdate does not see tr() calls inside them.
        level = self.tr("Level: %1 · %2 points in all").replace("%1", report.level).replace(
            "%2", str(report.total_points))
        streaks = (self.tr("Active days: %1 · longest workday streak: %2 · current streak: %3")
                   .replace("%1", str(report.active_days)).replace("%2", str(report.longest_streak))
                   .replace("%3", str(report.current_streak)))
        reached_heading = self.tr("Milestones reached")
        none_yet = self.tr("None in this period yet.")
        suggestions_heading = self.tr("Suggestions")
        parts = [
            f"<p>{html.escape(level)}</p>",
            f"<p>{html.escape(streaks)}</p>",
            f"<h3>{html.escape(reached_heading)}</h3>",
        ]
        if report.milestones:
            items = "".join(
                f"<li><img src='{_badge_url(m.badge_id).toString()}' width='14' height='14'> {html.escape(m.title)} "
                f"({html.escape(locale.toString(_qdate(m.day), QLocale.FormatType.ShortFormat))}, +{m.points})</li>"
                for m in report.milestones
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{html.escape(none_yet)}</p>")
        parts.append(f"<h3>{html.escape(suggestions_heading)}</h3>")
        parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in report.suggestions) + "</ul>")
        return "".join(parts)

    def choose_export_file(self) -> None:
        if self.report is None:
            return
        name = f"growth-{self.report.period_start.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export growth report"), name,
                                                    self.tr("PDF files (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the shown report to `path` as a PDF: heading, chart, then the summary."""
        if self.report is None:
            raise ValueError("no report to export yet")
        report = self.report
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(150)
        writer.setTitle(self.tr("Growth report"))
        chart = QImage(1100, 360, QImage.Format.Format_ARGB32)
        chart.fill(Qt.GlobalColor.white)
        painter = QPainter(chart)
        palette = QPalette(self.palette())
        # Paper is white whatever the screen's theme: print with dark text on it.
        palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
        palette.setColor(QPalette.ColorRole.PlaceholderText, Qt.GlobalColor.darkGray)
        paint_chart(painter, QRectF(10, 10, 1080, 340), report.points_by_day, palette)
        painter.end()
        document = QTextDocument()
        document.addResource(QTextDocument.ResourceType.ImageResource, _CHART_URL, chart)
        add_badge_icons(document, report, QColor(Qt.GlobalColor.black))
        title = self.tr("Growth report")
        document.setHtml(
            f"<h1>{html.escape(title)}</h1><h3>{html.escape(self._heading(report))}</h3>"
            f"<p><img src='{_CHART_URL.toString()}' width='620'></p>" + self.summary_html(report)
        )
        document.print_(writer)
