"""Seeded, deterministic demo data of the partnership barometer, calibrated to published results.

Why inside ``data_access``: the demo survey is written through the same store functions as real
imports, so the app cannot tell the two apart except by the ``demo-`` source ids.
"""

from data_access.demo._build import build_demo_database
from data_access.demo._generator import (
    SOURCE_PREFIX,
    DemoSurvey,
    demo_open_answer_plans,
    generate_demo_respondents,
    generate_demo_survey,
)
from data_access.demo._open_answers import OpenAnswerPlan
from data_access.demo._parameters import (
    DemoParameters,
    MultiItem,
    ScaleItem,
    describe_parameters,
    scaled_parameters,
)

__all__ = [
    "SOURCE_PREFIX",
    "DemoParameters",
    "DemoSurvey",
    "MultiItem",
    "OpenAnswerPlan",
    "ScaleItem",
    "build_demo_database",
    "demo_open_answer_plans",
    "describe_parameters",
    "generate_demo_respondents",
    "generate_demo_survey",
    "scaled_parameters",
]
