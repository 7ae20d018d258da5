"""Chat use cases: direct and group conversations, their members, messages, reactions and read markers.

Each function checks what it can from local data (so a person hears at once why something cannot be done)
and then queues exactly one mutation with the arguments sync/protocol.py expects; the store applies its
local effect in the same transaction. The server checks everything again: local data can be out of date.
"""

from __future__ import annotations

import sqlite3

from app.ids import direct_conversation_id, new_id
from app.limits import (
    MAX_EMOJI_CHARS,
    MAX_MEMBERS,
    MAX_MENTIONS,
    MAX_MESSAGE_BYTES,
    MAX_URGENT_REASON_CHARS,
    URGENT_DAILY_QUOTA,
    URGENT_WINDOW_HOURS,
)
from app.markup import mentioned_names, person_names
from app.store import reads

from .context import ActionRefused, Session, check_size, clean_title, described, require_person, shorten


def _scope(conversation_id: str) -> str:
    return f"conv:{conversation_id}"


def _require_conversation(session: Session, conversation_id: str) -> reads.ConversationInfo:
    info = reads.conversation(session.conn, conversation_id, session.user_id, session.language)
    if info is None:
        raise ActionRefused("This conversation does not exist here (it may not have synced yet).")
    if session.user_id not in info.member_ids:
        raise ActionRefused("You are not a member of “{title}”.", title=info.title)
    return info


def _require_group(session: Session, conversation_id: str) -> reads.ConversationInfo:
    info = _require_conversation(session, conversation_id)
    if info.kind != "group":
        what = "A direct conversation" if info.kind == "direct" else "A department group"
        raise ActionRefused("{what} cannot be renamed or have its members changed; only group conversations can.",
                            what=what)
    return info


def _require_own_message(session: Session, message_id: str) -> reads.MessageView:
    found = reads.message(session.conn, message_id, user_id=session.user_id)
    if found is None:
        raise ActionRefused("This message does not exist here.")
    _require_conversation(session, found.conversation_id)
    if found.author_id != session.user_id:
        raise ActionRefused("Only the author can edit or delete a message.")
    if found.deleted:
        raise ActionRefused("This message was deleted.")
    if found.state == "rejected":
        raise ActionRefused("This message was never sent; retry or discard it in the sync centre.")
    return found


def _check_body(body: str) -> None:
    if not body.strip():
        raise ActionRefused("The message is empty.")
    check_size("message", body, MAX_MESSAGE_BYTES)


# ------------------------------------------------------------------------------------- conversations


def open_direct(session: Session, person: str) -> str:
    """The direct conversation with a person (username or id): created (and queued) only the first time."""
    peer = require_person(session, person)
    if peer.id == session.user_id:
        raise ActionRefused("A direct conversation needs another person.")
    cid = direct_conversation_id(session.user_id, peer.id)
    if session.conn.execute("SELECT 1 FROM conversations WHERE id = ?", (cid,)).fetchone() is None:
        session.enqueue("conversation.create_direct", {"peer_id": peer.id}, scope=_scope(cid),
                        summary=described("Chat with {peer}", peer=peer.name(session.language)))
    return cid


def create_group(session: Session, title: str, members: list[str]) -> str:
    """A new group conversation with the people named (usernames or ids); returns its id."""
    clean = clean_title(title, "group name")
    member_ids = list(dict.fromkeys(require_person(session, m).id for m in members))
    member_ids = [m for m in member_ids if m != session.user_id]
    if len(member_ids) > MAX_MEMBERS:
        raise ActionRefused("A group can start with at most {MAX_MEMBERS} people; {count} were named.",
                            MAX_MEMBERS=MAX_MEMBERS, count=len(member_ids))
    cid = new_id()
    session.enqueue("conversation.create_group", {"id": cid, "title": clean, "member_ids": member_ids},
                    scope=_scope(cid), summary=described("New group “{clean}”", clean=shorten(clean)))
    return cid


def rename(session: Session, conversation_id: str, title: str) -> None:
    info = _require_group(session, conversation_id)
    clean = clean_title(title, "group name")
    if clean == info.title:
        return  # nothing to change; queueing it would only add noise to the sync centre
    session.enqueue("conversation.rename", {"conversation_id": conversation_id, "title": clean},
                    scope=_scope(conversation_id), summary=described("Rename “{title}” to “{clean}”",
                                                                     title=shorten(info.title), clean=shorten(clean)))


def add_member(session: Session, conversation_id: str, person: str) -> None:
    info = _require_group(session, conversation_id)
    who = require_person(session, person)
    if who.id in info.member_ids:
        raise ActionRefused("{who} is already in “{title}”.", who=who.name(session.language), title=info.title)
    session.enqueue("conversation.add_member", {"conversation_id": conversation_id, "user_id": who.id},
                    scope=_scope(conversation_id),
                    summary=described("Add {who} to “{title}”",
                                      who=who.name(session.language), title=shorten(info.title)))


def remove_member(session: Session, conversation_id: str, person: str) -> None:
    info = _require_group(session, conversation_id)
    found = reads.find_person(session.conn, person)
    if found is None:
        raise ActionRefused("There is no person called “{name}”.", name=person.strip())
    if found.id not in info.member_ids:
        raise ActionRefused("{found} is not in “{title}”.", found=found.name(session.language), title=info.title)
    session.enqueue("conversation.remove_member", {"conversation_id": conversation_id, "user_id": found.id},
                    scope=_scope(conversation_id),
                    summary=described("Remove {found} from “{title}”",
                                      found=found.name(session.language), title=shorten(info.title)))


# -------------------------------------------------------------------------------------------- messages


def parse_mentions(session: Session, conversation_id: str, body: str) -> list[str]:
    """The ids of the conversation's members @mentioned in the body (by username or display name), in the order
    written. The message syntax (app.markup) finds them, the same parse that highlights them: an @name in code or
    in a link's address notifies nobody, and neither does one that names nobody in the conversation."""
    if "@" not in body:
        return []
    people = reads.people_by_id(session.conn, reads.conversation_members(session.conn, conversation_id))
    by_name: dict[str, str] = {}
    for person in people.values():
        for name in person_names(person.username, person.display_name, person.display_name_en):
            by_name.setdefault(name, person.id)
    found = [by_name[name] for name in mentioned_names(body, frozenset(by_name))]
    return list(dict.fromkeys(found))[:MAX_MENTIONS]


def urgent_left(session: Session) -> int:
    """How many more urgent messages the person may send now (the server keeps the same count)."""
    return urgent_left_at(session.conn, session.user_id, session.clock.wall_ms())


def urgent_left_at(conn: sqlite3.Connection, user_id: str, now_ms: int) -> int:
    since = now_ms - URGENT_WINDOW_HOURS * 3_600_000
    return max(0, URGENT_DAILY_QUOTA - reads.urgent_sent_since(conn, user_id, f"{since:015d}"))


def _check_urgent(session: Session, reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("An urgent message needs a reason; the recipients see it with the message.")
    if len(reason) > MAX_URGENT_REASON_CHARS:
        raise ActionRefused("The reason can be at most {MAX_URGENT_REASON_CHARS} characters.",
                            MAX_URGENT_REASON_CHARS=MAX_URGENT_REASON_CHARS)
    if urgent_left(session) == 0:
        raise ActionRefused("You have sent {URGENT_DAILY_QUOTA} urgent messages in the last {URGENT_WINDOW_HOURS} "
                            "hours, the most allowed; send it as important instead.",
                            URGENT_DAILY_QUOTA=URGENT_DAILY_QUOTA, URGENT_WINDOW_HOURS=URGENT_WINDOW_HOURS)
    return reason


def send(session: Session, conversation_id: str, body: str, *, reply_to: str | None = None,
         important: bool = False, urgent_reason: str | None = None, ack_requested: bool = False) -> str:
    """Send a message (queued until the server orders it); returns the new message's id.

    A message with an `urgent_reason` is urgent: it gets through the recipients' quiet time, so it needs a
    reason and counts against the sender's daily quota. `ack_requested` asks recipients to acknowledge it.
    """
    _check_body(body)
    info = _require_conversation(session, conversation_id)
    urgent = urgent_reason is not None
    if urgent:
        urgent_reason = _check_urgent(session, urgent_reason)
    if reply_to is not None:
        target = reads.message(session.conn, reply_to)
        if target is None or target.conversation_id != conversation_id:
            raise ActionRefused("The message replied to is not in this conversation.")
        if target.state == "rejected":
            raise ActionRefused("The message replied to was never sent, so it cannot be replied to.")
    message_id = new_id()
    args = {"id": message_id, "conversation_id": conversation_id, "body": body, "reply_to": reply_to,
            "important": bool(important) or urgent, "mentions": parse_mentions(session, conversation_id, body)}
    if urgent:
        args |= {"urgent": True, "urgent_reason": urgent_reason}
    if ack_requested:
        args["ack_requested"] = True
    session.enqueue("message.send", args, scope=_scope(conversation_id),
                    summary=described("Message to {title}: {body}", title=info.title, body=shorten(body)))
    return message_id


def acknowledge(session: Session, message_id: str) -> bool:
    """Confirm an important message that asks for it (queued like any change, so it works offline).
    Returns False when it was acknowledged already."""
    found = reads.message(session.conn, message_id, user_id=session.user_id)
    if found is None:
        raise ActionRefused("This message does not exist here.")
    _require_conversation(session, found.conversation_id)
    if not found.ack_requested:
        raise ActionRefused("This message does not ask for an acknowledgement.")
    if found.author_id == session.user_id:
        raise ActionRefused("You cannot acknowledge your own message.")
    if found.state != "sent":
        raise ActionRefused("This message was never sent, so it cannot be acknowledged.")
    if found.acknowledged_by_me:
        return False
    session.enqueue("message.acknowledge", {"message_id": message_id}, scope=_scope(found.conversation_id),
                    summary=described("Acknowledge: {body}", body=shorten(found.body)))
    return True


def edit_message(session: Session, message_id: str, body: str) -> None:
    """Change the text of one's own message (an unchanged text queues nothing)."""
    _check_body(body)
    found = _require_own_message(session, message_id)
    if found.body == body:
        return
    session.enqueue("message.edit", {"id": message_id, "body": body}, scope=_scope(found.conversation_id),
                    summary=described("Edit message: {body}", body=shorten(body)))


def delete_message(session: Session, message_id: str) -> None:
    found = _require_own_message(session, message_id)
    session.enqueue("message.delete", {"id": message_id}, scope=_scope(found.conversation_id),
                    summary=described("Delete message: {body}", body=shorten(found.body)))


def _set_reaction(session: Session, message_id: str, emoji: str, present: bool) -> None:
    emoji = emoji.strip()
    if not emoji:
        raise ActionRefused("The reaction is empty.")
    if len(emoji) > MAX_EMOJI_CHARS:
        raise ActionRefused("A reaction can be at most {MAX_EMOJI_CHARS} characters.", MAX_EMOJI_CHARS=MAX_EMOJI_CHARS)
    found = reads.message(session.conn, message_id, user_id=session.user_id)
    if found is None:
        raise ActionRefused("This message does not exist here.")
    _require_conversation(session, found.conversation_id)
    if found.state == "rejected":
        raise ActionRefused("This message was never sent, so it cannot have reactions.")
    if present and found.deleted:
        raise ActionRefused("This message was deleted.")
    mine = any(r.emoji == emoji and r.mine for r in found.reactions)
    if mine == present:
        return  # already so: queueing it would change nothing
    session.enqueue("message.react", {"message_id": message_id, "emoji": emoji, "present": present},
                    scope=_scope(found.conversation_id),
                    summary=described("React {emoji} to: {body}" if present else "Remove reaction {emoji} to: {body}",
                                      emoji=emoji, body=shorten(found.body)))


def react(session: Session, message_id: str, emoji: str) -> None:
    _set_reaction(session, message_id, emoji, True)


def unreact(session: Session, message_id: str, emoji: str) -> None:
    _set_reaction(session, message_id, emoji, False)


def mark_read(session: Session, conversation_id: str, seq: int | None = None) -> bool:
    """Move the read marker forward to `seq` (default: the newest message); False if it would not move."""
    info = _require_conversation(session, conversation_id)
    target = reads.latest_seq(session.conn, conversation_id) if seq is None else seq
    if target < 0:
        raise ActionRefused("A read marker cannot be negative.")
    if target <= reads.read_seq(session.conn, conversation_id, session.user_id):
        return False  # markers only move forward; nothing to send
    session.enqueue("read.mark", {"conversation_id": conversation_id, "seq": target},
                    scope=_scope(conversation_id), summary=described("Read “{title}”", title=shorten(info.title)))
    return True

