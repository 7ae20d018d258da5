<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionRefused</name>
    <message>
        <location filename="../../ui/refusals.py" line="14" />
        <source>This conversation does not exist here (it may not have synced yet).</source>
        <translation>这里没有这个会话（可能还没有同步过来）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="15" />
        <source>You are not a member of “{title}”.</source>
        <translation>你不是“{title}”的成员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="16" />
        <source>{what} cannot be renamed or have its members changed; only group conversations can.</source>
        <translation>{what}不能改名或更改成员；只有群聊可以。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="17" />
        <source>This message does not exist here.</source>
        <translation>这里没有这条消息。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="18" />
        <source>Only the author can edit or delete a message.</source>
        <translation>只有作者可以编辑或删除消息。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="19" />
        <source>This message was deleted.</source>
        <translation>这条消息已被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="20" />
        <source>This message was never sent; retry or discard it in the sync centre.</source>
        <translation>这条消息没有发出去；请在同步中心重试或放弃。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="21" />
        <source>The message is empty.</source>
        <translation>消息是空的。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="22" />
        <source>A direct conversation needs another person.</source>
        <translation>私聊需要另一个人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="23" />
        <source>A group can start with at most {MAX_MEMBERS} people; {count} were named.</source>
        <translation>群聊创建时最多 {MAX_MEMBERS} 人；你选了 {count} 人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="24" />
        <source>{who} is already in “{title}”.</source>
        <translation>{who} 已经在“{title}”中。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="25" />
        <source>There is no person called “{name}”.</source>
        <translation>没有名为“{name}”的人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="26" />
        <source>{found} is not in “{title}”.</source>
        <translation>{found} 不在“{title}”中。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="27" />
        <source>An urgent message needs a reason; the recipients see it with the message.</source>
        <translation>紧急消息需要说明原因；收件人会和消息一起看到。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="28" />
        <source>The reason can be at most {MAX_URGENT_REASON_CHARS} characters.</source>
        <translation>原因最多 {MAX_URGENT_REASON_CHARS} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29" />
        <source>You have sent {URGENT_DAILY_QUOTA} urgent messages in the last {URGENT_WINDOW_HOURS} hours, the most allowed; send it as important instead.</source>
        <translation>你在过去 {URGENT_WINDOW_HOURS} 小时内已发送 {URGENT_DAILY_QUOTA} 条紧急消息，已达上限；请改为标记“重要”发送。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="30" />
        <source>This message does not ask for an acknowledgement.</source>
        <translation>这条消息不需要确认。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="31" />
        <source>You cannot acknowledge your own message.</source>
        <translation>不能确认自己发的消息。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="32" />
        <source>This message was never sent, so it cannot be acknowledged.</source>
        <translation>这条消息没有发出去，无法确认。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33" />
        <source>The reaction is empty.</source>
        <translation>表情回应是空的。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34" />
        <source>A reaction can be at most {MAX_EMOJI_CHARS} characters.</source>
        <translation>表情回应最多 {MAX_EMOJI_CHARS} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="35" />
        <source>This message was never sent, so it cannot have reactions.</source>
        <translation>这条消息没有发出去，不能添加表情回应。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="36" />
        <source>A read marker cannot be negative.</source>
        <translation>已读位置不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="37" />
        <source>The message replied to is not in this conversation.</source>
        <translation>被回复的消息不在这个会话中。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="38" />
        <source>The message replied to was never sent, so it cannot be replied to.</source>
        <translation>被回复的消息没有发出去，无法回复。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="39" />
        <source>The {what} is {size}; {indefinite} {what2} can be at most {size2}.</source>
        <translation>{what}大小为 {size}；{what2}最大 {size2}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40" />
        <source>The {what} is empty.</source>
        <translation>{what}是空的。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41" />
        <source>The {what} is {count} characters long; the limit is {MAX_TITLE_CHARS}.</source>
        <translation>{what}有 {count} 个字符，上限是 {MAX_TITLE_CHARS}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="42" />
        <source>There is no active person called “{name}”.</source>
        <translation>没有名为“{name}”的在职人员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="43" />
        <source>This article does not exist here (it may not have synced yet).</source>
        <translation>这里没有这篇文章（可能还没有同步过来）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44" />
        <source>A category can be at most {MAX_CATEGORY_CHARS} characters.</source>
        <translation>分类最多 {MAX_CATEGORY_CHARS} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="45" />
        <source>An article can have at most {MAX_TAGS} tags ({count} were given).</source>
        <translation>一篇文章最多 {MAX_TAGS} 个标签（你给了 {count} 个）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="46" />
        <source>Only the author, an admin or (once it is published) a reviewer can edit this article.</source>
        <translation>只有作者、管理员或（发布后的）审核人可以编辑这篇文章。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47" />
        <source>This article has no revision here yet; wait for it to sync.</source>
        <translation>这篇文章在这里还没有版本；请等待同步。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48" />
        <source>This conflict does not exist here or was resolved already.</source>
        <translation>这个冲突不存在或已经解决。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="49" />
        <source>Only the author can submit an article for review.</source>
        <translation>只有作者可以提交文章审核。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="50" />
        <source>Only a draft can be submitted (this article is {status}).</source>
        <translation>只有草稿可以提交审核（这篇文章的状态是：{status}）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="51" />
        <source>Only an admin or the author's department head can review this article.</source>
        <translation>只有管理员或作者的部门负责人可以审核这篇文章。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52" />
        <source>Only an article in review can be reviewed (this one is {status}).</source>
        <translation>只有审核中的文章可以审核（这篇文章的状态是：{status}）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="53" />
        <source>A review comment can be at most {MAX_REVIEW_COMMENT_CHARS} characters.</source>
        <translation>审核意见最多 {MAX_REVIEW_COMMENT_CHARS} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="54" />
        <source>The tag “{tag}” is longer than {MAX_TAG_CHARS} characters.</source>
        <translation>标签“{tag}”超过了 {MAX_TAG_CHARS} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="55" />
        <source>These settings are larger than {size} KB; mute fewer places.</source>
        <translation>这些设置超过了 {size} KB；请减少静音的地方。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="56" />
        <source>Only an administrator can change the organisation's default notification settings.</source>
        <translation>只有管理员可以更改组织的默认通知设置。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="57" />
        <source>The due date “{text}” is not a date; write it as YYYY-MM-DD (or none).</source>
        <translation>截止日期“{text}”不是日期；请写成 YYYY-MM-DD（或 none）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="58" />
        <source>This space does not exist here (it may not have synced yet).</source>
        <translation>这里没有这个空间（可能还没有同步过来）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="59" />
        <source>You are not a member of the space “{title}”.</source>
        <translation>你不是空间“{title}”的成员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="60" />
        <source>There is no task with the id “{task_id}”.</source>
        <translation>没有编号为“{task_id}”的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="61" />
        <source>The task “{title}” was deleted.</source>
        <translation>任务“{title}”已被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62" />
        <source>A space can start with at most {MAX_MEMBERS} people; {count} were named.</source>
        <translation>空间创建时最多 {MAX_MEMBERS} 人；你选了 {count} 人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="63" />
        <source>Members of a department space follow the department; they are not edited by hand.</source>
        <translation>部门空间的成员随部门变化，不能手动编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="64" />
        <source>“{name}” is not a member of “{title}”.</source>
        <translation>“{name}”不是“{title}”的成员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="65" />
        <source>Tasks have no field “{name}”; the fields are: title, description, owner, due, status, progress, depends_on.</source>
        <translation>任务没有字段“{name}”；可用字段：title、description、owner、due、status、progress、depends_on。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="66" />
        <source>“{value}” is not a task status; use one of: {statuses}.</source>
        <translation>“{value}”不是任务状态；请使用：{statuses}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="67" />
        <source>The progress “{value}” is not a whole number from 0 to 100.</source>
        <translation>进度“{value}”不是 0 到 100 的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="68" />
        <source>The progress must be from 0 to 100 (it was {number}).</source>
        <translation>进度必须在 0 到 100 之间（当前为 {number}）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="69" />
        <source>{who} is not a member of “{title}”, so cannot own its tasks.</source>
        <translation>{who} 不是“{title}”的成员，不能负责其中的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="70" />
        <source>A task can depend on at most {MAX_DEPENDENCIES} tasks.</source>
        <translation>一个任务最多依赖 {MAX_DEPENDENCIES} 个任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="71" />
        <source>These tasks would wait for each other: a dependency already depends on this task.</source>
        <translation>这些任务会互相等待：某个依赖任务已经依赖于本任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="72" />
        <source>Name at least one field to change, e.g. status=done.</source>
        <translation>请至少指定一个要修改的字段，例如 status=done。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="73" />
        <source>Only the task's creator, the space's creator, a department head or an admin can delete a task.</source>
        <translation>只有任务创建者、空间创建者、部门负责人或管理员可以删除任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="74" />
        <source>“{item}” is not FIELD=VALUE (for example status=done or due=2026-12-01).</source>
        <translation>“{item}”不是 字段=值 的形式（例如 status=done 或 due=2026-12-01）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="75" />
        <source>A task cannot depend on itself.</source>
        <translation>任务不能依赖自己。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="76" />
        <source>“{dep}” is not a task of the space “{title}”.</source>
        <translation>“{dep}”不是空间“{title}”中的任务。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77" />
        <source>could not write {destination}: {value}</source>
        <translation>无法写入 {destination}：{value}</translation>
    </message>
</context>
<context>
    <name>ActionRefusedWords</name>
    <message>
        <location filename="../../ui/refusals.py" line="113" />
        <source>message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="114" />
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="115" />
        <source>group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="116" />
        <source>space name</source>
        <translation>空间名称</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="117" />
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="118" />
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="119" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="120" />
        <source>in review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="121" />
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="122" />
        <source>A direct conversation</source>
        <translation>私聊</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="123" />
        <source>A department group</source>
        <translation>部门群</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../ui/context.py" line="177" />
        <source>Something went wrong; nothing was lost. Details are in the log.</source>
        <translation>出了点问题，但没有丢失任何内容。详情请查看日志。</translation>
    </message>
</context>
<context>
    <name>ArticleEditorDialog</name>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="46" />
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="46" />
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="51" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="52" />
        <source>What the article is about</source>
        <translation>这篇文章讲什么</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="55" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="61" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="62" />
        <source>Comma separated, e.g. onboarding, sync</source>
        <translation>用英文逗号分隔，例如：入职, 同步</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="65" />
        <source>Article text (markdown)</source>
        <translation>正文（Markdown）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="66" />
        <source>Write in markdown: # heading, **bold**, - list, [link](https://…)</source>
        <translation>使用 Markdown 编写：# 标题、**粗体**、- 列表、[链接](https://…)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="69" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="72" />
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="73" />
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="74" />
        <source>T&amp;ags</source>
        <translation>标签(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="86" />
        <source>Save the article</source>
        <translation>保存文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="87" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="169" />
        <source>Discard changes?</source>
        <translation>放弃更改？</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/editor.py" line="170" />
        <source>The article has changes that are not saved. Discard them?</source>
        <translation>文章有未保存的更改，确定要放弃吗？</translation>
    </message>
</context>
<context>
    <name>ArticleReader</name>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="82" />
        <location filename="../../ui/knowledge/reader.py" line="173" />
        <source>Your edit overlapped with someone else's — resolve</source>
        <translation>你的修改与他人的修改有冲突，请处理</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="83" />
        <source>&amp;Resolve…</source>
        <translation>处理(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="85" />
        <source>Resolve the overlapping edit</source>
        <translation>处理修改冲突</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="99" />
        <location filename="../../ui/knowledge/reader.py" line="201" />
        <source>☆ Favorite</source>
        <translation>☆ 收藏</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="101" />
        <source>♡ Like</source>
        <translation>♡ 点赞</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="102" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="103" />
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="104" />
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="105" />
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="106" />
        <source>History</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="110" />
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="111" />
        <source>Choose an article to read it.</source>
        <translation>选择一篇文章开始阅读。</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="174" />
        <source>Two edits of this article overlapped — resolve</source>
        <translation>这篇文章有两处修改冲突，请处理</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="176" />
        <source>Sent back by the reviewer: %1</source>
        <translation>已被审核人退回：%1</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="183" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="183" />
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="184" />
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="185" />
        <source>by %1</source>
        <translation>作者：%1</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="192" />
        <source>updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="194" />
        <source>changed here, not sent yet</source>
        <translation>本机已修改，尚未发送</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="201" />
        <source>★ Favorite</source>
        <translation>★ 已收藏</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="204" />
        <source>♥ Liked (%1)</source>
        <translation>♥ 已点赞（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="204" />
        <source>♡ Like (%1)</source>
        <translation>♡ 点赞（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="234" />
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/reader.py" line="234" />
        <source>What should the author change?</source>
        <translation>需要作者修改哪些内容？</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83" />
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="83" />
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="120" />
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="121" />
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="121" />
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="137" />
        <source>In your favorites</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="139" />
        <source>Has an overlapping edit to resolve</source>
        <translation>有待处理的修改冲突</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="141" />
        <source>Changed here, not sent yet</source>
        <translation>本机已修改，尚未发送</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="144" />
        <source>You like this</source>
        <translation>你已点赞</translation>
    </message>
</context>
<context>
    <name>BadgeShelf</name>
    <message numerus="yes">
        <location filename="../../ui/growth/view.py" line="55" />
        <source>%n badge(s)</source>
        <translation>
            <numerusform>%n 枚徽章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="70" />
        <source>No badges yet: reach a milestone</source>
        <translation>还没有徽章：达成里程碑即可获得</translation>
    </message>
</context>
<context>
    <name>BoardWidget</name>
    <message>
        <location filename="../../ui/tasks/board.py" line="62" />
        <source>%1 column</source>
        <translation>%1列</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="91" />
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="141" />
        <source>Move to previous column</source>
        <translation>移到上一列</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="143" />
        <source>Move to next column</source>
        <translation>移到下一列</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="145" />
        <source>Edit task…</source>
        <translation>编辑任务…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="146" />
        <source>Delete task…</source>
        <translation>删除任务…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="185" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="186" />
        <source>Move to</source>
        <translation>移动到</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/board.py" line="191" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
</context>
<context>
    <name>ChangeSummary</name>
    <message>
        <location filename="../../ui/refusals.py" line="81" />
        <source>New group “{clean}”</source>
        <translation>新建群聊“{clean}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="82" />
        <source>Rename “{title}” to “{clean}”</source>
        <translation>将“{title}”改名为“{clean}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="83" />
        <source>Add {who} to “{title}”</source>
        <translation>把 {who} 加入“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="84" />
        <source>Remove {found} from “{title}”</source>
        <translation>把 {found} 移出“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="85" />
        <source>Message to {title}: {body}</source>
        <translation>发给 {title} 的消息：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="86" />
        <source>Acknowledge: {body}</source>
        <translation>确认收到：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="87" />
        <source>Edit message: {body}</source>
        <translation>编辑消息：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="88" />
        <source>Delete message: {body}</source>
        <translation>删除消息：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="89" />
        <source>React {emoji} to: {body}</source>
        <translation>对消息回应 {emoji}：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="90" />
        <source>Remove reaction {emoji} to: {body}</source>
        <translation>撤回表情回应 {emoji}：{body}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="91" />
        <source>Read “{title}”</source>
        <translation>已读“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="92" />
        <source>Chat with {peer}</source>
        <translation>与 {peer} 私聊</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="93" />
        <source>New article “{clean}”</source>
        <translation>新建文章“{clean}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="94" />
        <source>Edit article “{title}”</source>
        <translation>编辑文章“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="95" />
        <source>Resolve conflict in “{title}”</source>
        <translation>解决“{title}”中的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="96" />
        <source>Submit “{title}” for review</source>
        <translation>提交“{title}”审核</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="97" />
        <source>Approve “{title}”</source>
        <translation>通过“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="98" />
        <source>Reject “{title}”</source>
        <translation>退回“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="99" />
        <source>Favorite “{title}”</source>
        <translation>收藏“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="100" />
        <source>Unfavorite “{title}”</source>
        <translation>取消收藏“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="101" />
        <source>Like “{title}”</source>
        <translation>点赞“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="102" />
        <source>Unlike “{title}”</source>
        <translation>取消点赞“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="103" />
        <source>Notification settings</source>
        <translation>通知设置</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="104" />
        <source>Organisation notification defaults</source>
        <translation>组织默认通知设置</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="105" />
        <source>New space “{clean}”</source>
        <translation>新建空间“{clean}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="106" />
        <source>Remove {who} from “{title}”</source>
        <translation>把 {who} 移出“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="107" />
        <source>New task “{title}”</source>
        <translation>新建任务“{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="108" />
        <source>Task “{title}”: {what}</source>
        <translation>任务“{title}”：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="109" />
        <source>Delete task “{title}”</source>
        <translation>删除任务“{title}”</translation>
    </message>
</context>
<context>
    <name>ChatHistory</name>
    <message>
        <location filename="../../ui/chats/history_model.py" line="60" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="62" />
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="74" />
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="76" />
        <source>saving change…</source>
        <translation>正在保存修改…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="81" />
        <source>not sent: {reason}</source>
        <translation>未发送：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="82" />
        <source>the server refused it</source>
        <translation>服务器拒绝了此消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="118" />
        <source>This message was deleted.</source>
        <translation>此消息已删除。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="293" />
        <source>(a message not available here)</source>
        <translation>（此处无法显示该消息）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_model.py" line="295" />
        <source>{author}: (deleted)</source>
        <translation>{author}：（已删除）</translation>
    </message>
</context>
<context>
    <name>ChatLinks</name>
    <message>
        <location filename="../../ui/chats/common.py" line="50" />
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../ui/chats/common.py" line="51" />
        <source>Open this address in your browser?

{url}</source>
        <translation>在浏览器中打开此地址？

{url}</translation>
    </message>
</context>
<context>
    <name>ChatsView</name>
    <message>
        <location filename="../../ui/chats/view.py" line="58" />
        <source>Pick a conversation on the left, or start one with Ctrl+N.</source>
        <translation>在左侧选择一个会话，或按 Ctrl+N 发起新聊天。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="120" />
        <source>This message is not here (it may have been removed).</source>
        <translation>找不到这条消息（可能已被删除）。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="124" />
        <source>This message is too far back to show here; search finds it.</source>
        <translation>这条消息时间太早，无法在此显示；可以通过搜索找到它。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="131" />
        <source>This conversation is not here yet; it appears once it has synced.</source>
        <translation>该会话还未同步到本机，同步完成后就会显示。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="269" />
        <source>Notify me about</source>
        <translation>通知我</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="273" />
        <source>All messages</source>
        <translation>所有消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="273" />
        <source>Mentions only</source>
        <translation>仅 @我</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="274" />
        <source>Nothing (muted)</source>
        <translation>不通知（静音）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="293" />
        <source>Retry sending</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="294" />
        <source>Discard</source>
        <translation>放弃发送</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="295" />
        <source>Open the sync centre</source>
        <translation>打开同步中心</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="299" />
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="300" />
        <source>React</source>
        <translation>表情回复</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="309" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="310" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="312" />
        <source>Who has read this</source>
        <translation>查看已读情况</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="314" />
        <source>Who has acknowledged this</source>
        <translation>谁已确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="318" />
        <source>Acknowledge</source>
        <translation>确认收到</translation>
    </message>
    <message>
        <location filename="../../ui/chats/view.py" line="320" />
        <source>Show whole text</source>
        <translation>查看全文</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/chats/composer.py" line="139" />
        <source>Do not reply (Esc)</source>
        <translation>取消回复（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="140" />
        <source>Cancel reply</source>
        <translation>取消回复</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="151" />
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="152" />
        <source>Write a message — Enter sends, Shift+Enter for a new line, @ to mention</source>
        <translation>输入消息，Enter 发送，Shift+Enter 换行，@ 提及他人</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="157" />
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="159" />
        <source>Mark as important</source>
        <translation>标记为重要</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="160" />
        <source>Important messages show who has read them (Ctrl+I)</source>
        <translation>重要消息可查看谁已读（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="161" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="163" />
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="164" />
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="166" />
        <source>Ask to acknowledge</source>
        <translation>要求确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="168" />
        <source>Readers confirm they have seen it; you see who has not yet</source>
        <translation>读者确认已看到；你能看到谁还没有确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="173" />
        <source>Urgent…</source>
        <translation>紧急…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="174" />
        <source>Mark as urgent</source>
        <translation>标记为紧急</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="175" />
        <source>Urgent messages get through everyone's quiet time; give a reason</source>
        <translation>紧急消息会穿透所有人的免打扰时间；请说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="183" />
        <location filename="../../ui/chats/composer.py" line="184" />
        <source>Not urgent</source>
        <translation>取消紧急</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="217" />
        <source>Replying to {text}</source>
        <translation>回复：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="236" />
        <source>Urgent message</source>
        <translation>紧急消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="240" />
        <source>Urgent messages get through everyone's quiet time and remind until acknowledged.
Why is this urgent? ({left} left today)</source>
        <translation>紧急消息会穿透所有人的免打扰时间，并在确认前反复提醒。
为什么紧急？（今天还可发 {left} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/composer.py" line="249" />
        <source>🚨 Urgent — {reason}</source>
        <translation>🚨 紧急 — {reason}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="55" />
        <source>Resolve overlapping edits</source>
        <translation>处理修改冲突</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="58" />
        <source>Your edit and someone else's changed the same lines. Choose what the article should say; the text you do not choose stays in the revision history.</source>
        <translation>你和他人修改了同样的几行。请选择文章最终保留的内容；未选中的文本仍会保留在版本历史中。</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="62" />
        <source>Theirs (current version)</source>
        <translation>对方的（当前版本）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="63" />
        <source>Their text, the current version</source>
        <translation>对方的文本，即当前版本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="65" />
        <source>Mine (your edit, %1)</source>
        <translation>我的（你的修改，%1）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="69" />
        <source>The overlapping edit (%1, %2)</source>
        <translation>冲突的修改（%1，%2）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="71" />
        <source>The overlapping text</source>
        <translation>冲突的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="72" />
        <source>Base (what both started from)</source>
        <translation>原始版本（双方修改前的内容）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="73" />
        <source>The text both edits started from</source>
        <translation>双方修改前的原始文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="75" />
        <source>Merged (edit freely)</source>
        <translation>合并结果（可自由编辑）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="76" />
        <source>Merged text</source>
        <translation>合并后的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="86" />
        <source>Show &amp;base</source>
        <translation>显示原始版本(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="88" />
        <source>Show the text both edits started from</source>
        <translation>显示双方修改前的原始文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="91" />
        <source>Keep &amp;mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="93" />
        <source>Keep my text</source>
        <translation>保留我的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="94" />
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="96" />
        <source>Keep their text</source>
        <translation>保留对方的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="97" />
        <source>Use &amp;merged text</source>
        <translation>使用合并结果(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="99" />
        <source>Use the merged text</source>
        <translation>使用合并后的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="100" />
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/conflict.py" line="102" />
        <source>Close and decide later</source>
        <translation>关闭，稍后再决定</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="110" />
        <source>{count} unread</source>
        <translation>{count} 条未读</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="112" />
        <source>a message was not sent</source>
        <translation>有消息未发送</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="114" />
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="129" />
        <source>No messages yet</source>
        <translation>暂无消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="131" />
        <source>{author}: (deleted)</source>
        <translation>{author}：消息已删除</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="311" />
        <location filename="../../ui/chats/conversation_list.py" line="312" />
        <source>Filter conversations</source>
        <translation>筛选会话</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="318" />
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="325" />
        <source>New chat</source>
        <translation>发起聊天</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="327" />
        <source>New direct chat</source>
        <translation>发起单聊</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="328" />
        <source>Start a chat with one person (Ctrl+N)</source>
        <translation>与一位同事单独聊天（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="330" />
        <location filename="../../ui/chats/conversation_list.py" line="332" />
        <source>New group</source>
        <translation>发起群聊</translation>
    </message>
    <message>
        <location filename="../../ui/chats/conversation_list.py" line="333" />
        <source>Start a group conversation (Ctrl+Shift+N)</source>
        <translation>创建群聊（Ctrl+Shift+N）</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <location filename="../../ui/app.py" line="301" />
        <source>The demo server was stopped; `atrium demo` starts it again.</source>
        <translation>演示服务器已停止；运行 `atrium demo` 可再次启动。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="325" />
        <source>The demo company was reset.</source>
        <translation>演示公司已重置。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="329" />
        <source>Atrium</source>
        <translation>Atrium</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="330" />
        <source>The demo company was reset: it starts afresh.</source>
        <translation>演示公司已重置，一切从头开始。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="331" />
        <source>This window shows the company as it was before the reset. Sign in again to work in the new one.</source>
        <translation>此窗口显示的是重置前的公司。重新登录即可进入新的演示公司。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="334" />
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="336" />
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="449" />
        <source>Your session has ended. Sign in again — your unsent changes are kept.</source>
        <translation>登录已失效。请重新登录——尚未发送的内容都会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="465" />
        <source>Switch profile</source>
        <translation>切换配置文件</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="466" />
        <source>Open the profile (or type a new name):</source>
        <translation>打开配置文件（或输入新名称）：</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="496" />
        <source>working offline by choice</source>
        <translation>已切换为离线工作</translation>
    </message>
</context>
<context>
    <name>EditMessageDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="115" />
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="118" />
        <source>Message text</source>
        <translation>消息内容</translation>
    </message>
</context>
<context>
    <name>FilterModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="42" />
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="42" />
        <source>Favorites</source>
        <translation>我的收藏</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="43" />
        <source>My drafts</source>
        <translation>我的草稿</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="45" />
        <source>Waiting for my review</source>
        <translation>待我审核</translation>
    </message>
</context>
<context>
    <name>FreedesktopAdapter</name>
    <message>
        <location filename="../../ui/notifications/native.py" line="84" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>FullTextDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="180" />
        <source>Message from {author}</source>
        <translation>{author} 的消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="183" />
        <source>Message text</source>
        <translation>消息内容</translation>
    </message>
</context>
<context>
    <name>GrowthView</name>
    <message>
        <location filename="../../ui/growth/view.py" line="107" />
        <source>Working out your growth…</source>
        <translation>正在计算你的成长数据…</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="120" />
        <source>Platform expert</source>
        <translation>平台达人</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="126" />
        <source>Progress to the next level</source>
        <translation>距下一等级的进度</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="135" />
        <source>Platform experts of the month</source>
        <translation>月度平台达人</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="145" />
        <source>Growth map</source>
        <translation>成长地图</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="146" />
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="147" />
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="148" />
        <source>Actual size (Ctrl+0)</source>
        <translation>实际大小（Ctrl+0）</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="152" />
        <source>Click a highlighted milestone to go where it is done. Drag to move, Ctrl+wheel to zoom.</source>
        <translation>点击高亮的里程碑，前往完成它的地方。拖动可移动地图，按住 Ctrl 滚动滚轮可缩放。</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="168" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="169" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="208" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/growth/view.py" line="210" />
        <source>%n point(s) · top level</source>
        <translation>
            <numerusform>%n 积分 · 已达最高等级</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/growth/view.py" line="212" />
        <location filename="../../ui/growth/view.py" line="217" />
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n 积分</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="213" />
        <source>%1 more to %2</source>
        <translation>距“%2”还差 %1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="218" />
        <source>%1 needs: %2</source>
        <translation>升到“%1”还需完成：%2</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="254" />
        <source>%1: number %2 of %3 people, %4 points (top %5%)</source>
        <translation>%1：%3 人中排名第 %2，%4 分（前 %5%）</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="267" />
        <source>No month has been ranked yet.</source>
        <translation>还没有已排名的月份。</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="269" />
        <source>Platform experts of %1: %2</source>
        <translation>%1 月度平台达人：%2</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="272" />
        <source>Nobody earned points in %1.</source>
        <translation>%1 无人获得积分。</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="270" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="273" />
        <source>%1 is not ranked yet (it is ranked when the month ends); your points so far: %2</source>
        <translation>%1 尚未排名（月底排名），你本月目前积分：%2</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="290" />
        <source>%1 — reached on %2</source>
        <translation>%1 — %2 达成</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="298" />
        <source>%1 of %2 done</source>
        <translation>已完成 %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/growth/view.py" line="302" />
        <source>First reach: %1</source>
        <translation>需先达成：%1</translation>
    </message>
</context>
<context>
    <name>HistoryDelegate</name>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="309" />
        <location filename="../../ui/chats/history_delegate.py" line="421" />
        <source>Show more…</source>
        <translation>展开全文…</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="415" />
        <source>This message was deleted.</source>
        <translation>此消息已删除。</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="454" />
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="456" />
        <source>urgent: {reason}</source>
        <translation>紧急：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="458" />
        <source>important</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="476" />
        <source>✔ {done} of {total} acknowledged</source>
        <translation>✔ {total} 人中 {done} 人已确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="479" />
        <source>✔ you acknowledged</source>
        <translation>✔ 你已确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_delegate.py" line="480" />
        <source>please acknowledge (right-click)</source>
        <translation>请确认（右键）</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/notifications/centre.py" line="70" />
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="73" />
        <source>Urgent: {where}</source>
        <translation>紧急：{where}</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="78" />
        <source>New task for you</source>
        <translation>你有一项新任务</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="79" />
        <source>Due within 24 hours</source>
        <translation>24 小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="80" />
        <source>Due within 2 hours</source>
        <translation>2 小时内到期</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="81" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="82" />
        <source>Waiting for your review</source>
        <translation>等待你审核</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="83" />
        <source>Your article was approved</source>
        <translation>你的文章已通过审核</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="84" />
        <source>Your article was sent back</source>
        <translation>你的文章被退回修改</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="85" />
        <source>Milestone reached</source>
        <translation>达成成长里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="94" />
        <source>This conversation or space is muted, so it only updates the unread count.</source>
        <translation>此会话或空间已静音，只更新未读数。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="95" />
        <source>This place is muted, so even what is addressed to you waits for the summary.</source>
        <translation>此处已静音，即使是发给你的消息也会等到摘要中再告诉你。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="96" />
        <source>This conversation is set to mentions only.</source>
        <translation>此会话设置为仅 @我 时通知。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="97" />
        <source>Presenting mode was on, so nothing popped up.</source>
        <translation>演示模式已开启，因此没有弹出任何通知。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="98" />
        <source>Marked urgent by the sender, so it gets through quiet time.</source>
        <translation>发送者标记为紧急，因此穿透了免打扰时间。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="99" />
        <source>The sender is on your priority list, so it gets through quiet time.</source>
        <translation>发送者在你的优先联系人中，因此穿透了免打扰时间。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="100" />
        <source>The task is due within 2 hours, so it gets through quiet time.</source>
        <translation>任务将在 2 小时内到期，因此穿透了免打扰时间。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="101" />
        <source>Notifications were paused, so this waited for the summary.</source>
        <translation>通知已暂停，因此留到摘要中。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="102" />
        <source>It came outside your working hours, so it waited for the summary.</source>
        <translation>它在你的工作时间之外到达，因此留到摘要中。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="103" />
        <source>It arrived late, so it waited for the summary instead of popping up late.</source>
        <translation>它到达得较晚，因此放进摘要，而不是迟到地弹出。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="104" />
        <source>Group messages that do not mention you only update the unread count.</source>
        <translation>未 @你 的群消息只更新未读数。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="105" />
        <source>It came within your working hours, so it was shown.</source>
        <translation>它在你的工作时间内到达，因此立即显示。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="106" />
        <source>Already read on another device.</source>
        <translation>已在另一台设备上读过。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="111" />
        <source>Shown</source>
        <translation>已提醒</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="112" />
        <source>Held for the summary</source>
        <translation>已暂存，稍后汇总</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="113" />
        <source>In a summary</source>
        <translation>已汇总</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="114" />
        <source>Read on another device</source>
        <translation>已在其他设备上阅读</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="120" />
        <source> (read)</source>
        <translation>（已读）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/chats/history_view.py" line="38" />
        <source>Messages</source>
        <translation>消息记录</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="73" />
        <source>New messages ↓</source>
        <translation>新消息 ↓</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="75" />
        <source>Go to new messages</source>
        <translation>跳到新消息</translation>
    </message>
    <message>
        <location filename="../../ui/chats/history_view.py" line="76" />
        <source>Scroll to the newest message (Ctrl+End)</source>
        <translation>滚动到最新消息（Ctrl+End）</translation>
    </message>
</context>
<context>
    <name>KnowledgeView</name>
    <message>
        <location filename="../../ui/knowledge/view.py" line="49" />
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="54" />
        <source>Filter by tag</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="55" />
        <source>Show only articles with this tag</source>
        <translation>只显示带有此标签的文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="56" />
        <source>&amp;New article</source>
        <translation>新建文章(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="58" />
        <source>Write a new article</source>
        <translation>撰写新文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="59" />
        <source>Write a new article (Ctrl+N)</source>
        <translation>撰写新文章（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="68" />
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="74" />
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="91" />
        <source>Right-click to choose the columns</source>
        <translation>右键单击可选择显示的列</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/view.py" line="163" />
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login/dialog.py" line="54" />
        <source>Sign in to Atrium</source>
        <translation>登录 Atrium</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="60" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="61" />
        <source>The address of your company's Atrium server, from your administrator</source>
        <translation>公司 Atrium 服务器的地址，可向管理员索取</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="64" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="68" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="69" />
        <source>&amp;Remember me on this computer</source>
        <translation>在这台电脑上保持登录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="72" />
        <source>Remember me on this computer</source>
        <translation>在这台电脑上保持登录</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="74" />
        <source>Keeps your session in the system keychain (never in Atrium's files), so you stay signed in next time. Untick it on a shared computer.</source>
        <translation>登录状态保存在系统钥匙串中（不会写入 Atrium 的文件），下次打开无需重新登录。在公用电脑上请取消勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="80" />
        <source>Sign-in problem</source>
        <translation>登录问题</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="84" />
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="89" />
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="91" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="98" />
        <source>S&amp;erver:</source>
        <translation>服务器(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="99" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="100" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="141" />
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="144" />
        <source>The server address must start with https:// (or http:// on a local network).</source>
        <translation>服务器地址必须以 https:// 开头（局域网内也可用 http://）。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="146" />
        <source>“%1” is not a server address.</source>
        <translation>“%1”不是有效的服务器地址。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="148" />
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="150" />
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="163" />
        <source>Signing in is not possible right now.</source>
        <translation>暂时无法登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login/dialog.py" line="178" />
        <source>Something went wrong while signing in; details are in the log.</source>
        <translation>登录时出错，详情请查看日志。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="60" />
        <location filename="../../ui/main_window.py" line="231" />
        <source>Atrium</source>
        <translation>Atrium</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65" />
        <source>Sections</source>
        <translation>导航</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67" />
        <source>Chats</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68" />
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="69" />
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>Sync centre</source>
        <translation>同步中心</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71" />
        <source>Growth</source>
        <translation>成长</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87" />
        <source>Signed in as</source>
        <translation>当前账号</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129" />
        <source>Department head</source>
        <translation>部门负责人</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130" />
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184" />
        <source>Search everywhere…</source>
        <translation>全局搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192" />
        <source>Switch profile…</source>
        <translation>切换配置文件…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220" />
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222" />
        <source>Online · up to date</source>
        <translation>在线 · 已是最新</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223" />
        <source>Offline · changes are kept and will be sent</source>
        <translation>离线 · 更改已保存，联网后发送</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224" />
        <source>Signed out · sign in to sync</source>
        <translation>已退出登录 · 登录后即可同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225" />
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
</context>
<context>
    <name>MessageEdit</name>
    <message>
        <location filename="../../ui/chats/composer.py" line="63" />
        <source>People to mention</source>
        <translation>可提及的人</translation>
    </message>
</context>
<context>
    <name>MyTasks</name>
    <message>
        <location filename="../../ui/tasks/models.py" line="234" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="235" />
        <source>Space</source>
        <translation>空间</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="236" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="237" />
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="238" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>NewDirectChatDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="72" />
        <source>New chat</source>
        <translation>发起单聊</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="75" />
        <source>Chat with:</source>
        <translation>聊天对象：</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="93" />
        <source>New group</source>
        <translation>发起群聊</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="96" />
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="98" />
        <source>Name:</source>
        <translation>群名称：</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="101" />
        <source>Members:</source>
        <translation>成员：</translation>
    </message>
</context>
<context>
    <name>NewSpaceDialog</name>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="31" />
        <source>New project space</source>
        <translation>新建项目空间</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="34" />
        <source>Space name</source>
        <translation>空间名称</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="37" />
        <source>What the space is for</source>
        <translation>空间用途</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="41" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="52" />
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="56" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="57" />
        <source>&amp;About:</source>
        <translation>简介(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/space_dialog.py" line="60" />
        <source>Members (you are one already):</source>
        <translation>成员（你已自动加入）：</translation>
    </message>
</context>
<context>
    <name>NotificationCentre</name>
    <message>
        <location filename="../../ui/notifications/centre.py" line="175" />
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="178" />
        <source>Nothing has notified you yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/centre.py" line="181" />
        <source>Notification history</source>
        <translation>通知历史</translation>
    </message>
</context>
<context>
    <name>NotificationController</name>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="153" />
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="154" />
        <source>Notifications…</source>
        <translation>通知中心…</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="158" />
        <source>Notification settings…</source>
        <translation>通知设置…</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="162" />
        <source>Presenting mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="167" />
        <source>Presenting mode: nothing pops up until you turn it off</source>
        <translation>演示模式：关闭前不会弹出任何通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="175" />
        <source>Pause notifications</source>
        <translation>暂停通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="176" />
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="177" />
        <source>Until tomorrow's working hours</source>
        <translation>直到明天上班时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/__init__.py" line="178" />
        <source>Resume</source>
        <translation>恢复通知</translation>
    </message>
</context>
<context>
    <name>NotificationSettingsDialog</name>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="58" />
        <source>Notification settings</source>
        <translation>通知设置</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="64" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="67" />
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="69" />
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="69" />
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="69" />
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="69" />
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="70" />
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="70" />
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="70" />
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="75" />
        <source>Day off</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="76" />
        <source>Working hours on %1</source>
        <translation>%1工作时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="77" />
        <source>Ranges such as 09:00-12:00, 13:00-18:00; empty for a day off</source>
        <translation>填写时间段，多个时间段用英文逗号分隔，如 09:00-12:00, 13:00-18:00；留空表示休息</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="82" />
        <location filename="../../ui/notifications/settings_dialog.py" line="88" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="91" />
        <source>Pause</source>
        <translation>暂停通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="97" />
        <source>Pause for 1 hour</source>
        <translation>暂停 1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="98" />
        <source>Pause until tomorrow's working hours</source>
        <translation>暂停到明天上班时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="99" />
        <source>Resume</source>
        <translation>恢复通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="110" />
        <source>Pause until this time</source>
        <translation>暂停到此时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="115" />
        <source>Pause until</source>
        <translation>暂停到</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="116" />
        <source>Pause until the chosen time</source>
        <translation>暂停到所选时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="124" />
        <source>Presenting mode: nothing pops up until I turn it off</source>
        <translation>演示模式：关闭前不弹出任何通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="125" />
        <source>Hide message previews in notifications</source>
        <translation>通知中不显示消息内容预览</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="126" />
        <source>Play a sound</source>
        <translation>播放提示音</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="128" />
        <source>Let urgent messages, my priority people and tasks due within 2 hours through quiet time</source>
        <translation>允许紧急消息、优先联系人和 2 小时内到期的任务穿透免打扰时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="150" />
        <source>Make this everyone's default</source>
        <translation>设为全员默认</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="154" />
        <source>Publish these working hours and choices as the organisation's default; people keep what they set</source>
        <translation>将这些工作时间和选项发布为组织默认设置；个人已修改的设置保持不变</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="164" />
        <source>Where and who</source>
        <translation>地点与联系人</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="168" />
        <source>Notifications per conversation</source>
        <translation>各会话的通知方式</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="169" />
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="169" />
        <source>Notify me</source>
        <translation>通知我</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="175" />
        <source>Muted spaces</source>
        <translation>静音的空间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="178" />
        <source>Priority people</source>
        <translation>优先联系人</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="187" />
        <source>All messages</source>
        <translation>所有消息</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="187" />
        <source>Mentions only</source>
        <translation>仅 @我</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="187" />
        <source>Muted</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="188" />
        <source>Notify me about %1</source>
        <translation>“%1”的通知方式</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="200" />
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="203" />
        <source>Muted spaces (tasks)</source>
        <translation>静音的空间（任务）</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="204" />
        <source>Priority people: their messages get through quiet time</source>
        <translation>优先联系人：他们的消息会穿透免打扰时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="252" />
        <source>Choose a time in the future.</source>
        <translation>请选择一个将来的时间。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="270" />
        <source>Paused until %1</source>
        <translation>已暂停，直到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/notifications/settings_dialog.py" line="272" />
        <source>Notifications are on.</source>
        <translation>通知已开启。</translation>
    </message>
</context>
<context>
    <name>PointsChart</name>
    <message numerus="yes">
        <location filename="../../ui/growth/report.py" line="91" />
        <source>%n point(s) in this period</source>
        <translation>
            <numerusform>本期共 %n 积分</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadersDialog</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="140" />
        <source>Who has read this</source>
        <translation>已读情况</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="142" />
        <source>Read ({count})</source>
        <translation>已读（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="143" />
        <source>Not yet read ({count})</source>
        <translation>未读（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="145" />
        <source>Who has acknowledged this</source>
        <translation>谁已确认</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="148" />
        <source>Acknowledged ({count} of {total})</source>
        <translation>已确认（{total} 人中 {count} 人）</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="150" />
        <source>Not yet ({count})</source>
        <translation>尚未确认（{count}）</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="51" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/model.py" line="73" />
        <source>The server said: %1</source>
        <translation>服务器返回：%1</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../ui/growth/report.py" line="125" />
        <source>Report period</source>
        <translation>报告周期</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="126" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="127" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="129" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="131" />
        <source>Export the report as PDF</source>
        <translation>将报告导出为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="132" />
        <source>Save this report as a PDF file (Ctrl+Shift+E)</source>
        <translation>将此报告保存为 PDF 文件（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="141" />
        <source>Report details</source>
        <translation>报告详情</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="147" />
        <source>Period:</source>
        <translation>周期：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/growth/report.py" line="179" />
        <source>%1 – %2: %n point(s)</source>
        <translation>
            <numerusform>%1 – %2：%n 积分</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="185" />
        <source>Level: %1 · %2 points in all</source>
        <translation>等级：%1 · 累计 %2 积分</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="187" />
        <source>Active days: %1 · longest workday streak: %2 · current streak: %3</source>
        <translation>活跃天数：%1 · 最长连续工作日：%2 · 当前连续：%3</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="190" />
        <source>Milestones reached</source>
        <translation>已达成的里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="191" />
        <source>None in this period yet.</source>
        <translation>本期暂无。</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="192" />
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="215" />
        <source>Export growth report</source>
        <translation>导出成长报告</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="216" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/growth/report.py" line="228" />
        <location filename="../../ui/growth/report.py" line="241" />
        <source>Growth report</source>
        <translation>成长报告</translation>
    </message>
</context>
<context>
    <name>RevisionHistoryDialog</name>
    <message>
        <location filename="../../ui/knowledge/history.py" line="42" />
        <source>Revision history</source>
        <translation>版本历史</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="50" />
        <source>Revisions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="56" />
        <source>Text of the selected revision</source>
        <translation>所选版本的文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="60" />
        <source>Changes from the selected revision to the current text</source>
        <translation>所选版本与当前文本的差异</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="64" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="65" />
        <source>Changes to the current text</source>
        <translation>与当前文本的差异</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="88" />
        <source>selected revision</source>
        <translation>所选版本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="88" />
        <source>current</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/history.py" line="89" />
        <source>The same as the current text.</source>
        <translation>与当前文本相同。</translation>
    </message>
</context>
<context>
    <name>RevisionModel</name>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180" />
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="180" />
        <source>Overlapping edit</source>
        <translation>冲突修改</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/model.py" line="191" />
        <source>not sent yet</source>
        <translation>尚未发送</translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <location filename="../../ui/knowledge/safe_browser.py" line="44" />
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge/safe_browser.py" line="45" />
        <source>Open this address in your browser?

%1</source>
        <translation>要在浏览器中打开此地址吗？

%1</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/search/dialog.py" line="31" />
        <source>Search everywhere</source>
        <translation>全局搜索</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="38" />
        <source>Search chats, tasks and articles</source>
        <translation>搜索消息、任务和文章</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="39" />
        <source>Search chats, tasks and articles…</source>
        <translation>搜索消息、任务和文章…</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="44" />
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68" />
        <source>Chat</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="68" />
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/dialog.py" line="76" />
        <source>%n result(s) · Enter opens, Esc closes</source>
        <translation>
            <numerusform>%n 条结果 · Enter 打开，Esc 关闭</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/search/dialog.py" line="78" />
        <source>Nothing found</source>
        <translation>没有找到结果</translation>
    </message>
</context>
<context>
    <name>SyncCentre</name>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="48" />
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="52" />
        <source>1 minute ago</source>
        <translation>1 分钟前</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="53" />
        <source>%n minutes ago</source>
        <translation>%n 分钟前</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="57" />
        <source>1 hour ago</source>
        <translation>1 小时前</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="58" />
        <source>%n hours ago</source>
        <translation>%n 小时前</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="62" />
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="63" />
        <source>%n days ago</source>
        <translation>%n 天前</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="71" />
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="72" />
        <source>%n messages</source>
        <translation>%n 条消息</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="74" />
        <source>1 task change</source>
        <translation>1 项任务更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="75" />
        <source>%n task changes</source>
        <translation>%n 项任务更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="77" />
        <source>1 article change</source>
        <translation>1 项文章更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="78" />
        <source>%n article changes</source>
        <translation>%n 项文章更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="80" />
        <source>1 chat change</source>
        <translation>1 项会话更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="81" />
        <source>%n chat changes</source>
        <translation>%n 项会话更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="83" />
        <source>1 space change</source>
        <translation>1 项空间更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="84" />
        <source>%n space changes</source>
        <translation>%n 项空间更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="86" />
        <source>1 read receipt</source>
        <translation>1 条已读回执</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="87" />
        <source>%n read receipts</source>
        <translation>%n 条已读回执</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="88" />
        <source>1 other change</source>
        <translation>1 项其他更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="89" />
        <source>%n other changes</source>
        <translation>%n 项其他更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="99" />
        <source>Nothing waiting to be sent</source>
        <translation>没有待发送的内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="104" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="108" />
        <source>The version it was based on is unknown to the server.</source>
        <translation>服务器上找不到此更改所基于的版本。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="109" />
        <source>Something in this change is not valid.</source>
        <translation>此更改中有无效内容。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="111" />
        <source>You are not allowed to do this.</source>
        <translation>你没有执行此操作的权限。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="112" />
        <source>You no longer have access to this, so it was not sent.</source>
        <translation>你已无权访问该内容，因此未发送。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="114" />
        <source>What this change refers to no longer exists.</source>
        <translation>此更改涉及的内容已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="115" />
        <source>It was deleted in the meantime.</source>
        <translation>该内容已在此期间被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="116" />
        <source>It already exists on the server.</source>
        <translation>服务器上已存在该内容。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="117" />
        <source>A person it names does not exist or has left.</source>
        <translation>其中涉及的人员不存在或已离职。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="118" />
        <source>It has changed in the meantime and no longer allows this.</source>
        <translation>该内容已在此期间发生变化，不再允许此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="122" />
        <source>The server does not know this kind of change (it may be older than this app).</source>
        <translation>服务器无法识别此类更改（服务器版本可能比本应用旧）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="124" />
        <source>The person chosen cannot own it.</source>
        <translation>所选人员不能担任负责人。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="125" />
        <source>A task it depends on cannot be used.</source>
        <translation>所依赖的某个任务不可用。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="126" />
        <source>The message it replies to is not in this chat.</source>
        <translation>所回复的消息不在此会话中。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="127" />
        <source>It is empty.</source>
        <translation>内容为空。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="131" />
        <source>You have used up your urgent messages for now; send it as important instead.</source>
        <translation>你的紧急消息额度已用完；请改为标记“重要”发送。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="133" />
        <source>An urgent message needs a reason.</source>
        <translation>紧急消息需要说明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="134" />
        <source>The message does not ask for an acknowledgement.</source>
        <translation>这条消息不需要确认。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="135" />
        <source>You cannot acknowledge your own message.</source>
        <translation>不能确认自己发的消息。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="136" />
        <source>These settings cannot be used.</source>
        <translation>这些设置无法使用。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="137" />
        <source>It is too large.</source>
        <translation>内容太大。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/texts.py" line="148" />
        <source>The server refused this change.</source>
        <translation>服务器拒绝了此更改。</translation>
    </message>
</context>
<context>
    <name>SyncCentreView</name>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="56" />
        <source>Connection</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="59" />
        <source>Last synced</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="63" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="66" />
        <source>Signed in as</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="70" />
        <source>Waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="74" />
        <source>Last problem</source>
        <translation>最近的问题</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="78" />
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="80" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="81" />
        <source>Send waiting changes and fetch new ones now (F5)</source>
        <translation>立即发送待发送的更改并获取最新内容（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="83" />
        <source>Work &amp;offline</source>
        <translation>离线工作(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="86" />
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="88" />
        <source>Stop syncing until you switch this off. Everything you do is still saved on this computer.</source>
        <translation>暂停同步，直到你关闭此选项。你的所有操作仍会保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="91" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="97" />
        <source>Connection:</source>
        <translation>连接状态：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="98" />
        <source>Last synced:</source>
        <translation>上次同步：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="99" />
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="100" />
        <source>Signed in as:</source>
        <translation>登录账号：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="101" />
        <source>Waiting to be sent:</source>
        <translation>待发送：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="108" />
        <source>Changes the server refused</source>
        <translation>被服务器拒绝的更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="125" />
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="127" />
        <source>Retry the selected changes</source>
        <translation>重试所选更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="128" />
        <source>Queue the selected changes again, to be sent with the next sync</source>
        <translation>将所选更改重新排队，在下次同步时发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="130" />
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="132" />
        <source>Discard the selected changes</source>
        <translation>放弃所选更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="133" />
        <source>Forget the selected changes; they will never be sent (Delete)</source>
        <translation>丢弃所选更改，它们将不会再被发送（Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="139" />
        <source>The server refused these changes. Nothing was lost: retry a change once what was wrong is fixed, or discard it.</source>
        <translation>服务器拒绝了这些更改。内容没有丢失：问题解决后可以重试，也可以放弃该更改。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="172" />
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="173" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="174" />
        <source>Online · up to date</source>
        <translation>在线 · 已是最新</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="175" />
        <source>Offline · your changes are kept and will be sent</source>
        <translation>离线 · 你的更改已保存，联网后发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="176" />
        <source>Signed out · sign in to sync</source>
        <translation>已退出登录 · 登录后即可同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="177" />
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="180" />
        <source>Working offline · nothing is sent until you switch this off</source>
        <translation>离线工作中 · 关闭离线工作前不会发送任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="206" />
        <source>No server yet</source>
        <translation>尚未设置服务器</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="214" />
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="221" />
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="230" />
        <source>Refused by the server (%1)</source>
        <translation>被服务器拒绝（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="249" />
        <source>The server said: %1</source>
        <translation>服务器返回：%1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="285" />
        <source>Discard this change? It will never be sent.</source>
        <translation>放弃此更改？它将不会再被发送。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_centre/view.py" line="286" />
        <source>Discard %n changes? They will never be sent.</source>
        <translation>
            <numerusform>放弃这 %n 项更改？它们将不会再被发送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_centre/view.py" line="287" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>TaskCard</name>
    <message>
        <location filename="../../ui/tasks/delegate.py" line="36" />
        <source>Blocked by: %1</source>
        <translation>依赖未完成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/delegate.py" line="105" />
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="182" />
        <source>owner %1</source>
        <translation>负责人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="184" />
        <source>due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="186" />
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="187" />
        <source>%1% done</source>
        <translation>已完成 %1%</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="190" />
        <source>blocked by %1</source>
        <translation>被 %1 阻塞</translation>
    </message>
</context>
<context>
    <name>TaskEditorDialog</name>
    <message>
        <location filename="../../ui/tasks/editor.py" line="56" />
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="56" />
        <source>Edit task</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="65" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="69" />
        <source>Task history</source>
        <translation>任务历史</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="97" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="98" />
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="101" />
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="102" />
        <source>Markdown: **bold**, lists, links…</source>
        <translation>支持 Markdown：**粗体**、列表、链接…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="104" />
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="107" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="108" />
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="111" />
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="113" />
        <location filename="../../ui/tasks/editor.py" line="115" />
        <source>No due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="120" />
        <source>D&amp;ue:</source>
        <translation>截止日期(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="123" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="126" />
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="129" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="134" />
        <source>Progress in percent</source>
        <translation>进度（百分比）</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="140" />
        <source>&amp;Progress:</source>
        <translation>进度(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="144" />
        <source>Depends on these tasks</source>
        <translation>依赖以下任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="148" />
        <source>Depends &amp;on:</source>
        <translation>依赖任务(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="157" />
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="238" />
        <source>History (%1)</source>
        <translation>历史记录（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="240" />
        <source>History (%1, %2 replaced)</source>
        <translation>历史记录（%1，%2 条被覆盖）</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/editor.py" line="255" />
        <source>A task needs a title</source>
        <translation>请填写任务标题</translation>
    </message>
</context>
<context>
    <name>TaskExport</name>
    <message>
        <location filename="../../ui/tasks/export.py" line="34" />
        <source>Export progress table</source>
        <translation>导出进度表</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/export.py" line="36" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>TaskHistory</name>
    <message>
        <location filename="../../ui/tasks/history.py" line="27" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="28" />
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="29" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="30" />
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="31" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="32" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="33" />
        <source>Dependencies</source>
        <translation>依赖</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="34" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="67" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="68" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="69" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="70" />
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="71" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="85" />
        <source>Someone else changed this field at the same time and their change came later; this value was replaced and is kept here.</source>
        <translation>其他人同时修改了此字段且其修改较晚生效；此值已被替换，并保留在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="107" />
        <source>Applied</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="108" />
        <source>Replaced by a concurrent edit</source>
        <translation>被同时进行的修改替换</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="109" />
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="110" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="116" />
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/history.py" line="129" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../ui/tasks/models.py" line="55" />
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="56" />
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="57" />
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/models.py" line="58" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <location filename="../../ui/tasks/view.py" line="57" />
        <source>Space</source>
        <translation>空间</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="60" />
        <source>&amp;Space:</source>
        <translation>空间(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="63" />
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="64" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="65" />
        <source>Export this space's progress table as a CSV file</source>
        <translation>将此空间的进度表导出为 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="66" />
        <source>Add a task to this space (Ctrl+N)</source>
        <translation>在此空间中新建任务（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="90" />
        <location filename="../../ui/tasks/view.py" line="146" />
        <source>My tasks</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="222" />
        <location filename="../../ui/tasks/view.py" line="291" />
        <source>That task is not here any more.</source>
        <translation>该任务已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="249" />
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="250" />
        <source>Delete the task “%1”? Everyone in the space will no longer see it.</source>
        <translation>确定删除任务“%1”？删除后空间内所有成员都将无法看到它。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tasks/view.py" line="278" />
        <source>Exported %n task(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个任务导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tasks/view.py" line="294" />
        <source>You are not a member of that task's space.</source>
        <translation>你不是该任务所在空间的成员。</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <location filename="../../ui/notifications/adapters.py" line="86" />
        <source>Notification: %1</source>
        <translation>通知：%1</translation>
    </message>
</context>
<context>
    <name>TrayAdapter</name>
    <message>
        <location filename="../../ui/notifications/adapters.py" line="36" />
        <source>Atrium</source>
        <translation>Atrium</translation>
    </message>
</context>
<context>
    <name>_PeoplePicker</name>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="51" />
        <location filename="../../ui/chats/dialogs.py" line="52" />
        <source>Filter people</source>
        <translation>搜索人员</translation>
    </message>
    <message>
        <location filename="../../ui/chats/dialogs.py" line="57" />
        <source>People</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../ui/app.py" line="258" />
        <source>Atrium</source>
        <translation>Atrium</translation>
    </message>
</context>
</TS>