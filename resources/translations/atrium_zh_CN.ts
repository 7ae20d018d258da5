<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/tasks/export.py" line="33"/>
        <source>TaskExport</source>
        <comment>Export progress table</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/export.py" line="34"/>
        <source>TaskExport</source>
        <comment>CSV files (*.csv)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="183"/>
        <source>TaskCard</source>
        <comment>owner %1</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="185"/>
        <source>TaskCard</source>
        <comment>due %1</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="187"/>
        <source>TaskCard</source>
        <comment>overdue</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="188"/>
        <source>TaskCard</source>
        <comment>%1% done</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="190"/>
        <source>TaskCard</source>
        <comment>blocked by %1</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="231"/>
        <source>MyTasks</source>
        <comment>Space</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="231"/>
        <source>MyTasks</source>
        <comment>Status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="231"/>
        <source>MyTasks</source>
        <comment>Due</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="232"/>
        <source>MyTasks</source>
        <comment>Progress</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../ui/context.py" line="110"/>
        <source>Something went wrong; nothing was lost. Details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleEditorDialog</name>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="46"/>
        <source>New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="46"/>
        <source>Edit article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="51"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="52"/>
        <source>What the article is about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="55"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="61"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="62"/>
        <source>Comma separated, e.g. onboarding, sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="65"/>
        <source>Article text (markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="66"/>
        <source>Write in markdown: # heading, **bold**, - list, [link](https://…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="69"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="72"/>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="73"/>
        <source>&amp;Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="74"/>
        <source>T&amp;ags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="86"/>
        <source>Save the article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="87"/>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="169"/>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="170"/>
        <source>The article has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleReader</name>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="82"/>
        <location filename="../../ui/knowledge/reader.py" line="173"/>
        <source>Your edit overlapped with someone else&apos;s — resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="83"/>
        <source>&amp;Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="85"/>
        <source>Resolve the overlapping edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="99"/>
        <location filename="../../ui/knowledge/reader.py" line="201"/>
        <source>☆ Favorite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="101"/>
        <source>♡ Like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="102"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="103"/>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="104"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="105"/>
        <source>Send back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="106"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="110"/>
        <source>Article text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="111"/>
        <source>Choose an article to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="174"/>
        <source>Two edits of this article overlapped — resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="176"/>
        <source>Sent back by the reviewer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="183"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="183"/>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="184"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="185"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="192"/>
        <source>updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="194"/>
        <source>changed here, not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="201"/>
        <source>★ Favorite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="204"/>
        <source>♥ Liked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="204"/>
        <source>♡ Like (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="234"/>
        <source>Send back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="234"/>
        <source>What should the author change?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83"/>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120"/>
        <source>Likes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="121"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="121"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="137"/>
        <source>In your favorites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="139"/>
        <source>Has an overlapping edit to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="141"/>
        <source>Changed here, not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="144"/>
        <source>You like this</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardWidget</name>
    <message>
        <location filename="../../ui/tasks/board.py" line="62"/>
        <source>%1 column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="91"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="141"/>
        <source>Move to previous column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="143"/>
        <source>Move to next column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="145"/>
        <source>Edit task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="146"/>
        <source>Delete task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="185"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="186"/>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="191"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatsView</name>
    <message>
        <location filename="../../ui/chats/view.py" line="54"/>
        <source>Pick a conversation on the left, or start one with Ctrl+N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="112"/>
        <source>This message is not here (it may have been removed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="116"/>
        <source>This message is too far back to show here; search finds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="123"/>
        <source>This conversation is not here yet; it appears once it has synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="228"/>
        <source>Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="229"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="230"/>
        <source>Open the sync centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="234"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="235"/>
        <source>React</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="244"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="245"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="247"/>
        <source>Who has read this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="249"/>
        <source>Show whole text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/chats/composer.py" line="121"/>
        <source>Do not reply (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="122"/>
        <source>Cancel reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="133"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="134"/>
        <source>Write a message — Enter sends, Shift+Enter for a new line, @ to mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="139"/>
        <source>Important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="141"/>
        <source>Mark as important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="142"/>
        <source>Important messages show who has read them (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="143"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="145"/>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="146"/>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="170"/>
        <source>Replying to {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="55"/>
        <source>Resolve overlapping edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="58"/>
        <source>Your edit and someone else&apos;s changed the same lines. Choose what the article should say; the text you do not choose stays in the revision history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="62"/>
        <source>Theirs (current version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="63"/>
        <source>Their text, the current version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="65"/>
        <source>Mine (your edit, %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="69"/>
        <source>The overlapping edit (%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="71"/>
        <source>The overlapping text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="72"/>
        <source>Base (what both started from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="73"/>
        <source>The text both edits started from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="75"/>
        <source>Merged (edit freely)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="76"/>
        <source>Merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="86"/>
        <source>Show &amp;base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="88"/>
        <source>Show the text both edits started from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="91"/>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="93"/>
        <source>Keep my text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="94"/>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="96"/>
        <source>Keep their text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="97"/>
        <source>Use &amp;merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="99"/>
        <source>Use the merged text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="100"/>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="102"/>
        <source>Close and decide later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="92"/>
        <source>{count} unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="94"/>
        <source>a message was not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="96"/>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="103"/>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="105"/>
        <source>{author}: (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="216"/>
        <location filename="../../ui/chats/conversation_list.py" line="217"/>
        <source>Filter conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="223"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="230"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="232"/>
        <source>New direct chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="233"/>
        <source>Start a chat with one person (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="235"/>
        <location filename="../../ui/chats/conversation_list.py" line="237"/>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="238"/>
        <source>Start a group conversation (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <location filename="../../ui/app.py" line="238"/>
        <source>working offline by choice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditMessageDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="113"/>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="116"/>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="42"/>
        <source>All articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="42"/>
        <source>Favorites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="43"/>
        <source>My drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="45"/>
        <source>Waiting for my review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FullTextDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="162"/>
        <source>Message from {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="165"/>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDelegate</name>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="155"/>
        <location filename="../../ui/chats/history_delegate.py" line="213"/>
        <source>Show more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="207"/>
        <source>This message was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="233"/>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="235"/>
        <source>❗ important</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/chats/history_view.py" line="27"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="46"/>
        <source>New messages ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="48"/>
        <source>Go to new messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="49"/>
        <source>Scroll to the newest message (Ctrl+End)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeView</name>
    <message>
        <location filename="../../ui/knowledge/view.py" line="45"/>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="50"/>
        <source>Filter by tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="51"/>
        <source>Show only articles with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="52"/>
        <source>&amp;New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="54"/>
        <source>Write a new article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="55"/>
        <source>Write a new article (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="64"/>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="70"/>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="154"/>
        <source>Any tag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login/dialog.py" line="54"/>
        <source>Sign in to Atrium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="60"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="61"/>
        <source>The address of your company&apos;s Atrium server, from your administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="64"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="68"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="69"/>
        <source>&amp;Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="72"/>
        <source>Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="74"/>
        <source>Keeps your session in the system keychain (never in Atrium&apos;s files), so you stay signed in next time. Untick it on a shared computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="80"/>
        <source>Sign-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="84"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="89"/>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="91"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="98"/>
        <source>S&amp;erver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="99"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="100"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="140"/>
        <source>Enter the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="143"/>
        <source>The server address must start with https:// (or http:// on a local network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="145"/>
        <source>“%1” is not a server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="147"/>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="149"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="162"/>
        <source>Signing in is not possible right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="177"/>
        <source>Something went wrong while signing in; details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Atrium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54"/>
        <source>Knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Sync centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Department head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>Search everywhere…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Switch profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Online · up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Offline · changes are kept and will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Signed out · sign in to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageEdit</name>
    <message>
        <location filename="../../ui/chats/composer.py" line="47"/>
        <source>People to mention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewDirectChatDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="70"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="73"/>
        <source>Chat with:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="91"/>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="94"/>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="96"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="99"/>
        <source>Members:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCoreApplication</name>
    <message>
        <location filename="../../ui/tasks/models.py" line="231"/>
        <source>MyTasks</source>
        <comment>Title</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadersDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="135"/>
        <source>Who has read this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="140"/>
        <source>Read ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="141"/>
        <source>Not yet read ({count})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="73"/>
        <source>The server said: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionHistoryDialog</name>
    <message>
        <location filename="../../ui/knowledge/history.py" line="42"/>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="50"/>
        <source>Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="56"/>
        <source>Text of the selected revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="60"/>
        <source>Changes from the selected revision to the current text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="64"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="65"/>
        <source>Changes to the current text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="88"/>
        <source>selected revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="88"/>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="89"/>
        <source>The same as the current text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180"/>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180"/>
        <source>Overlapping edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="191"/>
        <source>not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <location filename="../../ui/knowledge/safe_browser.py" line="43"/>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/safe_browser.py" line="44"/>
        <source>Open this address in your browser?

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/search/dialog.py" line="31"/>
        <source>Search everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="38"/>
        <source>Search chats, tasks and articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="39"/>
        <source>Search chats, tasks and articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="44"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68"/>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/dialog.py" line="76"/>
        <source>%n result(s) · Enter opens, Esc closes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="78"/>
        <source>Nothing found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncCentre</name>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="37"/>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="41"/>
        <source>1 minute ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="42"/>
        <source>%n minutes ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="46"/>
        <source>1 hour ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="47"/>
        <source>%n hours ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="51"/>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="52"/>
        <source>%n days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="60"/>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="61"/>
        <source>%n messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="63"/>
        <source>1 task change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="64"/>
        <source>%n task changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="66"/>
        <source>1 article change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="67"/>
        <source>%n article changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="69"/>
        <source>1 chat change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="70"/>
        <source>%n chat changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="72"/>
        <source>1 space change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="73"/>
        <source>%n space changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="75"/>
        <source>1 read receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="76"/>
        <source>%n read receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="77"/>
        <source>1 other change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="78"/>
        <source>%n other changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="88"/>
        <source>Nothing waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="93"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="97"/>
        <source>The version it was based on is unknown to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="98"/>
        <source>Something in this change is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="100"/>
        <source>You are not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="101"/>
        <source>You no longer have access to this, so it was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="103"/>
        <source>What this change refers to no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="104"/>
        <source>It was deleted in the meantime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="105"/>
        <source>It already exists on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="106"/>
        <source>A person it names does not exist or has left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="107"/>
        <source>It has changed in the meantime and no longer allows this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="111"/>
        <source>The server does not know this kind of change (it may be older than this app).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="113"/>
        <source>The person chosen cannot own it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="114"/>
        <source>A task it depends on cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="115"/>
        <source>The message it replies to is not in this chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="116"/>
        <source>It is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="130"/>
        <source>The server refused this change.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncCentreView</name>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="55"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="58"/>
        <source>Last synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="62"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="65"/>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="69"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="73"/>
        <source>Last problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="77"/>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="79"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="80"/>
        <source>Send waiting changes and fetch new ones now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="82"/>
        <source>Work &amp;offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="85"/>
        <source>Work offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="87"/>
        <source>Stop syncing until you switch this off. Everything you do is still saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="90"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="96"/>
        <source>Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="97"/>
        <source>Last synced:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="98"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="99"/>
        <source>Signed in as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="100"/>
        <source>Waiting to be sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="107"/>
        <source>Changes the server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="124"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="126"/>
        <source>Retry the selected changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="127"/>
        <source>Queue the selected changes again, to be sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="129"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="131"/>
        <source>Discard the selected changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="132"/>
        <source>Forget the selected changes; they will never be sent (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="138"/>
        <source>The server refused these changes. Nothing was lost: retry a change once what was wrong is fixed, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="171"/>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="172"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="173"/>
        <source>Online · up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="174"/>
        <source>Offline · your changes are kept and will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="175"/>
        <source>Signed out · sign in to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="176"/>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="179"/>
        <source>Working offline · nothing is sent until you switch this off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="205"/>
        <source>No server yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="213"/>
        <source>Last problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="220"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="229"/>
        <source>Refused by the server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="248"/>
        <source>The server said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="283"/>
        <source>Discard this change? It will never be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_centre/view.py" line="284"/>
        <source>Discard %n changes? They will never be sent.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="285"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskCard</name>
    <message>
        <location filename="../../ui/tasks/delegate.py" line="36"/>
        <source>Blocked by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/delegate.py" line="105"/>
        <source>No owner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskEditorDialog</name>
    <message>
        <location filename="../../ui/tasks/editor.py" line="56"/>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="56"/>
        <source>Edit task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="65"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="69"/>
        <source>Task history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="97"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="98"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="101"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="102"/>
        <source>Markdown: **bold**, lists, links…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="104"/>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="107"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="108"/>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="111"/>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="113"/>
        <location filename="../../ui/tasks/editor.py" line="115"/>
        <source>No due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="120"/>
        <source>D&amp;ue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="123"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="126"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="129"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="134"/>
        <source>Progress in percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="140"/>
        <source>&amp;Progress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="144"/>
        <source>Depends on these tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="148"/>
        <source>Depends &amp;on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="157"/>
        <source>No owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="238"/>
        <source>History (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="240"/>
        <source>History (%1, %2 replaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="255"/>
        <source>A task needs a title</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../ui/tasks/models.py" line="55"/>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="56"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="57"/>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="58"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <location filename="../../ui/tasks/view.py" line="55"/>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="58"/>
        <source>&amp;Space:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="61"/>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="62"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="63"/>
        <source>Export this space&apos;s progress table as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="64"/>
        <source>Add a task to this space (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="88"/>
        <location filename="../../ui/tasks/view.py" line="144"/>
        <source>My tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="193"/>
        <location filename="../../ui/tasks/view.py" line="262"/>
        <source>That task is not here any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="220"/>
        <source>Delete task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="221"/>
        <source>Delete the task “%1”? Everyone in the space will no longer see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tasks/view.py" line="249"/>
        <source>Exported %n task(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="265"/>
        <source>You are not a member of that task&apos;s space.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PeoplePicker</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="49"/>
        <location filename="../../ui/chats/dialogs.py" line="50"/>
        <source>Filter people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="55"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/chats/common.py" line="67"/>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/chats/common.py" line="68"/>
        <source>Open this address in your browser?

{url}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../ui/app.py" line="177"/>
        <source>Atrium</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
