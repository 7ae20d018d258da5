"""The task board: four status columns of cards, moved by drag and drop or from the keyboard.

The board only shows and asks: it emits `move_requested`, `edit_requested` and `delete_requested` and the Tasks
view acts on them through the app services. A moved card reaches its new column when the store commits the
change (the view then calls `set_board`), and keyboard focus follows it there.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListView, QMenu, QVBoxLayout, QWidget

from app.store.reads import TaskView

from .delegate import TaskCardDelegate
from .models import STATUSES, BoardColumnModel, TaskRoles, status_label


class CardListView(QListView):
    """One column's cards: a drag source and a drop target for the board's MIME type."""

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"column_{status}")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(False)


class BoardWidget(QWidget):
    move_requested = Signal(str, str)  # task id, new status
    edit_requested = Signal(str)  # task id
    delete_requested = Signal(str)  # task id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskBoard")
        self.models: dict[str, BoardColumnModel] = {}
        self.views: dict[str, CardListView] = {}
        self.headers: dict[str, QLabel] = {}
        self._follow: str | None = None  # a card moved from the keyboard: focus it in its new column
        self._delegate = TaskCardDelegate(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for status in STATUSES:
            model = BoardColumnModel(status, self)
            model.task_dropped.connect(self.move_requested.emit)
            view = CardListView(status)
            view.setModel(model)
            view.setItemDelegate(self._delegate)
            view.setAccessibleName(self.tr("%1 column").replace("%1", status_label(status)))
            view.doubleClicked.connect(self._double_clicked)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
            view.selectionModel().currentChanged.connect(lambda current, _old, v=view: self._focused(v, current))
            header = QLabel()
            header.setObjectName(f"header_{status}")
            column = QVBoxLayout()
            column.setSpacing(4)
            column.addWidget(header)
            column.addWidget(view, 1)
            layout.addLayout(column, 1)
            self.models[status], self.views[status], self.headers[status] = model, view, header
        self._update_headers()
        self._add_actions()

    # ------------------------------------------------------------------------------------------ content

    def set_board(self, columns: dict[str, list[TaskView]]) -> None:
        selected = self._follow or self.current_task_id()
        self._follow = None
        for status in STATUSES:
            self.models[status].set_tasks(columns.get(status, []))
        self._update_headers()
        if selected:
            self.select_task(selected, focus=self._has_focus())

    def _update_headers(self) -> None:
        for status, label in self.headers.items():
            count = self.models[status].rowCount()
            label.setText(self.tr("<b>%1</b> · %2").replace("%1", status_label(status)).replace("%2", str(count)))

    def _has_focus(self) -> bool:
        return any(view.hasFocus() for view in self.views.values())

    def select_task(self, task_id: str, *, focus: bool = False) -> bool:
        for status, model in self.models.items():
            row = model.row_of(task_id)
            if row < 0:
                continue
            view = self.views[status]
            index = model.index(row)
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scrollTo(index)
            if focus:
                view.setFocus()
            return True
        return False

    def current_task(self) -> TaskView | None:
        for view in self.views.values():
            indexes = view.selectionModel().selectedIndexes()
            if indexes:
                task = indexes[0].data(TaskRoles.Task)
                return task if isinstance(task, TaskView) else None
        return None

    def current_task_id(self) -> str | None:
        task = self.current_task()
        return task.id if task else None

    def _focused(self, view: CardListView, current: QModelIndex) -> None:
        # One selected card on the whole board: picking one in a column clears the others.
        if not current.isValid():
            return
        for other in self.views.values():
            if other is not view:
                other.selectionModel().clearSelection()

    # ------------------------------------------------------------------------------------------ actions

    def _add_actions(self) -> None:
        def action(text: str, shortcut: QKeySequence | str, slot: object) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.move_left_action = action(self.tr("Move to previous column"), "Ctrl+Shift+Left",
                                       lambda: self.move_current(-1))
        self.move_right_action = action(self.tr("Move to next column"), "Ctrl+Shift+Right",
                                        lambda: self.move_current(1))
        self.edit_action = action(self.tr("Edit task…"), "Return", self._edit_current)
        self.delete_action = action(self.tr("Delete task…"), QKeySequence.StandardKey.Delete, self._delete_current)

    def move_current(self, step: int) -> None:
        task = self.current_task()
        if task is None or task.status not in STATUSES:
            return
        target = STATUSES.index(task.status) + step
        if 0 <= target < len(STATUSES):
            self.move_task(task.id, STATUSES[target])

    def move_task(self, task_id: str, status: str) -> None:
        self._follow = task_id
        self.move_requested.emit(task_id, status)

    def _edit_current(self) -> None:
        task_id = self.current_task_id()
        if task_id:
            self.edit_requested.emit(task_id)

    def _delete_current(self) -> None:
        task_id = self.current_task_id()
        if task_id:
            self.delete_requested.emit(task_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        task_id = index.data(TaskRoles.Id)
        if task_id:
            self.edit_requested.emit(task_id)

    def _context_menu(self, view: CardListView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        task = index.data(TaskRoles.Task) if index.isValid() else None
        if not isinstance(task, TaskView):
            return
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.context_menu_for(task).exec(view.viewport().mapToGlobal(pos))

    def context_menu_for(self, task: TaskView) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), lambda: self.edit_requested.emit(task.id))
        move = menu.addMenu(self.tr("Move to"))
        for status in STATUSES:
            act = move.addAction(status_label(status), lambda s=status: self.move_task(task.id, s))
            act.setEnabled(status != task.status)
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.delete_requested.emit(task.id))
        return menu
