"""Who is told when a later review step sends a page back. Wagtail tells whoever submitted it;
the reviewers who approved the earlier steps of the same revision are told too, with the
comment, each in their own admin language (Wagtail's own message and its translations)."""

from wagtail.admin.mail import WorkflowStateRejectionEmailNotifier
from wagtail.models import TaskState


class EarlierReviewersRejectionNotifier(WorkflowStateRejectionEmailNotifier):
    def get_recipient_users(self, workflow_state, **kwargs):
        rejected = workflow_state.current_task_state
        if rejected is None:
            return set()
        approvals = TaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            revision_id=rejected.revision_id,  # this round: earlier rounds reviewed other text
        ).select_related("finished_by")
        # The submitter gets Wagtail's own notice; the rejecting reviewer knows.
        told = {workflow_state.requested_by_id, getattr(kwargs.get("user"), "pk", None)}
        return {state.finished_by for state in approvals if state.finished_by_id not in told}


earlier_reviewers_rejection_notifier = EarlierReviewersRejectionNotifier()
