"""The rollover as users script it today: python-gitlab, one issue at a time.

Lists the open issues of milestone FROM in PROJECT, then moves each to TO and adds the missed label,
one PUT per issue, waiting for each answer. GITLAB_HOST and GITLAB_TOKEN come from the environment.
Prints the number of issues moved.

    python3 one-by-one.py GROUP PROJECT FROM TO
"""
import os
import sys

import gitlab

group_path, project_path, from_title, to_title = sys.argv[1:5]
gl = gitlab.Gitlab(os.environ["GITLAB_HOST"], private_token=os.environ["GITLAB_TOKEN"])
group = gl.groups.get(group_path)
to = next(m for m in group.milestones.list(iterator=True) if m.title == to_title)
project = gl.projects.get(project_path, lazy=True)
# Everything first: moving issues out of the milestone while paging through it would skip some.
issues = list(project.issues.list(milestone=from_title, state="opened", per_page=100, iterator=True))
for issue in issues:
    issue.milestone_id = to.id
    issue.add_labels = f"missed:{from_title}"
    issue.save()
print(len(issues))
