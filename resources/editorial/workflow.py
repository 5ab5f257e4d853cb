"""How an approved workflow ends."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes with the last approver's own publish permission; here the
    approvals are the authority, so reviewers who may not publish directly still complete the
    review. The approver is recorded as the publisher in the page's history.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
