"""How an approved workflow ends."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes with the last approver's own publish permission; here the
    approvals are the authority, so reviewers who may not publish directly still complete the
    review. The approver is recorded as the publisher in the page's history.

    A workflow whose last step only gives an opinion (its task says ``approves = False``) ends
    without publishing: the page stays a draft with the opinion in its history. Wagtail reads
    this function while its models load, so the task is asked, not imported.
    """
    last_step = workflow_state.current_task_state
    if last_step is not None and not getattr(last_step.task.specific, "approves", True):
        return
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
