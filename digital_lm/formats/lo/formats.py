from digital_lm.formats.day_month_year import *  # noqa: F403
