"""The content model: validation an editor meets, and the rules of the page tree."""

import contextlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.models import HomePage
from resources.models import (
    CertificationPage,
    CoursePage,
    ResourceIndexPage,
    TeachingMaterialPage,
    VocationalStandardPage,
    WorkshopPage,
    external_ids_read_in_advance,
)
from tests import factories

RESOURCE_TYPES = [CoursePage, VocationalStandardPage, TeachingMaterialPage, CertificationPage]


class TestPageTree:
    def test_home_page_holds_workshops_and_the_resource_library(self):
        assert set(HomePage.allowed_subpage_models()) == {WorkshopPage, ResourceIndexPage}

    @pytest.mark.parametrize("model", RESOURCE_TYPES)
    def test_resources_live_only_in_resource_sections_and_have_no_children(self, model):
        assert model.allowed_parent_page_models() == [ResourceIndexPage]
        assert model.allowed_subpage_models() == []

    def test_resource_sections_nest_and_hold_every_resource_type(self):
        allowed = set(ResourceIndexPage.allowed_subpage_models())
        assert allowed == {ResourceIndexPage, *RESOURCE_TYPES}

    def test_workshops_sit_directly_under_the_home_page(self):
        assert WorkshopPage.allowed_parent_page_models() == [HomePage]

    def test_a_course_cannot_be_created_under_the_home_page(self, site_tree):
        assert not CoursePage.can_create_at(site_tree["home"])
        assert CoursePage.can_create_at(site_tree["section"])


# A page checked alone, and in a batch (an import) whose external IDs are read in advance.
CHECKED = {
    "alone": contextlib.nullcontext,
    "in a batch": lambda *ids: external_ids_read_in_advance(["OTHER", *ids]),
}


@pytest.mark.django_db
class TestResourceValidation:
    @pytest.mark.parametrize("checked", CHECKED)
    def test_external_id_reused_by_another_resource_type_is_refused(self, site_tree, checked):
        factories.CoursePageFactory(
            parent=site_tree["section"], external_id="VTC-001", title="EV maintenance"
        )
        standard = factories.VocationalStandardPageFactory.build(
            external_id="VTC-001", institution=site_tree["institution"]
        )
        with CHECKED[checked]("VTC-001"), pytest.raises(ValidationError) as excinfo:
            standard.clean()
        message = str(excinfo.value.message_dict["external_id"])
        assert "VTC-001" in message and "EV maintenance" in message

    @pytest.mark.parametrize("checked", CHECKED)
    def test_translations_share_their_source_external_id(self, site_tree, checked):
        course = factories.CoursePageFactory(parent=site_tree["section"], external_id="VTC-002")
        factories.publish(course)
        lao = factories.translate(course, "lo", title="ການສ້ອມແປງລົດໄຟຟ້າ")
        assert lao.external_id == "VTC-002"
        with CHECKED[checked]("VTC-002"):
            lao.full_clean()  # no clash with its own source

    def test_external_id_rejects_spaces_and_punctuation(self, site_tree):
        course = factories.CoursePageFactory.build(
            external_id="bad id!", institution=site_tree["institution"]
        )
        with pytest.raises(ValidationError) as excinfo:
            course.full_clean(exclude=["path", "depth", "slug", "content_type"])
        assert "external_id" in excinfo.value.message_dict

    def test_chinese_hours_cannot_exceed_total_hours(self, site_tree):
        course = factories.CoursePageFactory.build(
            duration_hours=10, chinese_language_hours=20, institution=site_tree["institution"]
        )
        with pytest.raises(ValidationError) as excinfo:
            course.clean()
        assert "chinese_language_hours" in excinfo.value.message_dict


@pytest.mark.django_db
class TestQualificationLevel:
    def test_a_level_outside_its_framework_is_refused_with_the_framework_range(self):
        level = factories.QualificationLevelFactory.build(framework="CN-VSL", level=7)
        with translation.override("en"), pytest.raises(ValidationError) as excinfo:
            level.full_clean()
        message = " ".join(excinfo.value.message_dict["level"])
        assert "1 to 5" in message

    def test_aqrf_level_above_eight_is_refused(self):
        level = factories.QualificationLevelFactory.build(level=4, aqrf_level=9)
        with pytest.raises(ValidationError) as excinfo:
            level.full_clean()
        assert "aqrf_level" in excinfo.value.message_dict

    def test_the_top_of_an_eight_level_framework_is_accepted(self):
        level = factories.QualificationLevelFactory.build(framework="VN-VQF", level=8, aqrf_level=8)
        level.full_clean()


@pytest.mark.django_db
class TestResourceDocument:
    def test_upload_records_size_type_and_checksum(self):
        import hashlib

        document = factories.ResourceDocumentFactory(language="km")
        content = b"%PDF-1.4\n% test material\n%%EOF\n"
        assert document.file_size == len(content)
        assert document.content_type == "application/pdf"
        assert document.checksum_sha256 == hashlib.sha256(content).hexdigest()
        assert document.language == "km"

    def test_materials_list_files_in_the_alliance_language_order(self, site_tree):
        material = factories.TeachingMaterialPageFactory(parent=site_tree["section"])
        for language in ("my", "en", "zh-hans", "lo"):
            factories.add_material_file(material, language=language, title=f"file-{language}")
        material = TeachingMaterialPage.objects.get(pk=material.pk)
        assert [d.language for d in material.files_by_language()] == ["zh-hans", "en", "lo", "my"]
