"""Stories: articles about the same happening, grouped incrementally.

An article joins the story it is most similar to — TF-IDF cosine of folded words plus the
overlap of its linked entity ids (IDF-weighted), within a few days of the story's dates — or
starts a new story.  Memberships already stored never move, so reruns only place new articles.
"""

from __future__ import annotations

from typing import Any


def update_stories(store, **options: Any):
    from rasid.stories.cluster import update_stories as _update

    return _update(store, **options)


def list_stories(store, **options: Any):
    from rasid.stories.cluster import list_stories as _list

    return _list(store, **options)


__all__ = ["list_stories", "update_stories"]
