from .base import (
    ResourceMetadataMixin,
    external_ids_read_in_advance,
    find_resource_by_external_id,
    resource_page_models,
)
from .certifications import CertificationPage, CertificationStandard, CertificationTag
from .courses import CourseMaterial, CoursePage, CourseStandard, CourseTag
from .documents import ResourceDocument
from .editorial import (
    ExpertOpinionTask,
    FourEyesApprovalTask,
    InstitutionEditorial,
    ReviewClaim,
    ReviewReminder,
)
from .indexes import ResourceIndexPage
from .materials import MaterialFile, TeachingMaterialPage, TeachingMaterialTag
from .snippets import (
    AQRF_LEVELS,
    MEKONG_COUNTRIES,
    NATIONAL_FRAMEWORKS,
    Country,
    Institution,
    QualificationLevel,
    Sector,
)
from .standards import VocationalStandardPage, VocationalStandardTag
from .termbase import TermConcept, TermLabel
from .workshops import WorkshopPage

__all__ = [
    "AQRF_LEVELS",
    "MEKONG_COUNTRIES",
    "NATIONAL_FRAMEWORKS",
    "CertificationPage",
    "CertificationStandard",
    "CertificationTag",
    "Country",
    "CourseMaterial",
    "CoursePage",
    "CourseStandard",
    "CourseTag",
    "ExpertOpinionTask",
    "FourEyesApprovalTask",
    "Institution",
    "InstitutionEditorial",
    "MaterialFile",
    "QualificationLevel",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceMetadataMixin",
    "ReviewClaim",
    "ReviewReminder",
    "Sector",
    "TeachingMaterialPage",
    "TeachingMaterialTag",
    "TermConcept",
    "TermLabel",
    "VocationalStandardPage",
    "VocationalStandardTag",
    "WorkshopPage",
    "external_ids_read_in_advance",
    "find_resource_by_external_id",
    "resource_page_models",
]
