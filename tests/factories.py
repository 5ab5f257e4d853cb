"""Factories for tests: a small, explicit alliance, built on wagtail-factories and factory_boy."""

import contextlib

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.users.models import UserProfile

from home.models import HomePage
from resources.models import (
    CertificationPage,
    CertificationStandard,
    Country,
    CoursePage,
    Institution,
    InstitutionEditorial,
    MaterialFile,
    QualificationLevel,
    ResourceDocument,
    ResourceIndexPage,
    Sector,
    TeachingMaterialPage,
    VocationalStandardPage,
    WorkshopPage,
)


def default_locale():
    return Locale.get_default()


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code", "locale")

    code = "LA"
    name = "Laos"
    locale = factory.LazyFunction(default_locale)


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("slug", "locale")

    slug = factory.Sequence(lambda n: f"institution-{n}")
    name = factory.Sequence(lambda n: f"Vientiane Technical College {n}")
    kind = "college"
    country = factory.SubFactory(CountryFactory)
    locale = factory.LazyFunction(default_locale)


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code", "locale")

    code = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")
    locale = factory.LazyFunction(default_locale)


class QualificationLevelFactory(DjangoModelFactory):
    class Meta:
        model = QualificationLevel
        django_get_or_create = ("framework", "level", "locale")

    framework = "LA-LNQF"
    level = 3
    aqrf_level = 3
    name = "LNQF Level 3 — Skilled worker"
    locale = factory.LazyFunction(default_locale)


class ResourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = ResourceDocument

    title = factory.Sequence(lambda n: f"Material file {n}")
    language = "lo"
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n% test material\n%%EOF\n", name=f"{o.title}.pdf")
    )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "数字澜湄"
    slug = "home"


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "资源库"
    slug = factory.Sequence(lambda n: f"resources-{n}")


class WorkshopPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkshopPage

    title = "老挝澜湄职业教育基地"
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    country = factory.SubFactory(CountryFactory)
    speciality = "New-energy vehicle maintenance"
    summary = "A demonstration workshop in Vientiane."
    lead_institution = factory.SubFactory(InstitutionFactory)


class ResourcePageFactory(wagtail_factories.PageFactory):
    """Common metadata of the four resource types."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"TEST-{n:04d}")
    summary = "A resource of the Lancang-Mekong Vocational Education Alliance."
    institution = factory.SubFactory(InstitutionFactory)
    licence = "CC-BY-4.0"

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.add(*extracted)
            if create:
                obj.save_revision()


class CoursePageFactory(ResourcePageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"新能源汽车维修 {n}")
    duration_hours = 120
    chinese_language_hours = 30


class VocationalStandardPageFactory(ResourcePageFactory):
    class Meta:
        model = VocationalStandardPage

    title = factory.Sequence(lambda n: f"焊工职业标准 {n}")
    code = factory.Sequence(lambda n: f"LM-STD-{n:03d}")
    issuing_body = "Lancang-Mekong Vocational Education Alliance"


class TeachingMaterialPageFactory(ResourcePageFactory):
    class Meta:
        model = TeachingMaterialPage

    title = factory.Sequence(lambda n: f"电工基础教材 {n}")
    kind = "textbook"


class CertificationPageFactory(ResourcePageFactory):
    class Meta:
        model = CertificationPage

    title = factory.Sequence(lambda n: f"电工职业技能等级证书 {n}")
    awarding_body = "Yunnan Vocational Skills Testing Centre"


def add_material_file(material, **kwargs):
    """Attach a new document to a teaching material (and save a revision)."""
    document = ResourceDocumentFactory(**kwargs)
    MaterialFile.objects.create(material=material, document=document, sort_order=0)
    return document


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language_code, **fields):
    """A published translation of ``page`` (its parents translated as needed)."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = page.copy_for_translation(locale, copy_parents=True, alias=False)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def build_site_tree():
    """Root → HomePage (zh-hans, live, default site) → resource library → one section.

    Every other locale gets a published HomePage translation, so all seven URL prefixes work.
    """
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="数字澜湄", slug="home-zh")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "DLM"},
    )
    # The welcome page Wagtail's initial migration leaves behind is unreachable now; drop it.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    for language in ("en", "th", "vi", "lo", "km", "my"):
        translate(home, language)
    library = ResourceIndexPageFactory(parent=home, title="资源库", slug="resources")
    # A new institution gets its section, groups, collection and workflows automatically.
    institution = InstitutionFactory(slug="vientiane-tc", name="万象技术学院")
    section = ResourceIndexPage.objects.get(institution=institution)
    return {"home": home, "library": library, "section": section, "institution": institution}


@contextlib.contextmanager
def built_once_per_module(django_db_blocker, build):
    """Build a module's test data once and roll it back when the module is done (for
    module-scoped fixtures; each test still runs in its own rolled-back transaction)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths: forget the rolled-back site


def published_resource(section, factory=None, translations=None, **fields):
    """A published resource under ``section``, with published translations
    ``{language: {field: value}}``."""
    page = publish((factory or CoursePageFactory)(parent=section, **fields))
    for language, translated_fields in (translations or {}).items():
        translate(page, language, **translated_fields)
    return page


def institution_member(institution, username, role="editors"):
    """An active account in ``institution``'s editors (or reviewers) group, admin in English."""
    editorial = InstitutionEditorial.for_institution(institution)
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="pw"
    )
    user.groups.add(getattr(editorial, role))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def competency_units(*units):
    """A standard's ``competencies`` value from (code, title) pairs."""
    return [
        (
            "competency",
            {"code": code, "title": title, "performance_criteria": [f"{title}: done safely"]},
        )
        for code, title in units
    ]


def make_private(page):
    """Restrict ``page`` (and its subtree) to signed-in accounts."""
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def translate_snippet(obj, language_code, **fields):
    """A translation of a snippet (country, sector, level, institution) into a language."""
    locale = Locale.objects.get(language_code=language_code)
    existing = obj.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = obj.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def build_certification_catalogue(site_tree=None):
    """Certifications and the standards they assess in two countries and three frameworks,
    partly translated into Lao and Thai, plus a private and an unpublished certification."""
    site_tree = site_tree or build_site_tree()
    laos_college = site_tree["institution"]
    laos = laos_college.country
    thailand = CountryFactory(code="TH", name="Thailand")
    translate_snippet(laos, "lo", name="ປະເທດລາວ")
    translate_snippet(thailand, "lo", name="ປະເທດໄທ")
    translate_snippet(laos_college, "lo", name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    thai_college = InstitutionFactory(
        slug="bangkok-tc", name="Bangkok Technical College", country=thailand
    )
    thai_section = ResourceIndexPage.objects.get(institution=thai_college)
    electrical = SectorFactory(code="electrical", name="电气")
    welding = SectorFactory(code="welding", name="焊接")
    translate_snippet(electrical, "lo", name="ໄຟຟ້າ")
    lnqf3 = QualificationLevelFactory(framework="LA-LNQF", level=3, aqrf_level=3, name="LNQF 3")
    translate_snippet(lnqf3, "lo", name="ລະດັບ 3 ຊ່າງຝີມື")
    tqf4 = QualificationLevelFactory(framework="TH-TQF", level=4, aqrf_level=4, name="TQF 4")
    cn3 = QualificationLevelFactory(framework="CN-VSL", level=3, aqrf_level=None, name="高级工")
    section = site_tree["section"]

    def resource(
        factory,
        parent,
        sectors=(),
        countries=(),
        recognised_in=(),
        standards=(),
        translations=None,
        **fields,
    ):
        page = factory(parent=parent, **fields)
        page.sectors.add(*sectors)
        page.countries.add(*countries)
        if recognised_in:
            page.recognised_in.add(*recognised_in)
        page.save()
        for standard in standards:
            CertificationStandard.objects.create(certification=page, standard=standard)
        publish(page)
        for language, translated in (translations or {}).items():
            translate(page, language, **translated)
        return page

    ev_standard = resource(
        VocationalStandardPageFactory,
        section,
        [electrical],
        [laos],
        title="新能源汽车维修职业标准",
        external_id="LM-STD-EV",
        code="LNQF-EV-3",
        institution=laos_college,
        level=lnqf3,
        competencies=competency_units(
            ("EV-01", "Inspect a high-voltage battery pack"), ("EV-02", "Isolate the drive system")
        ),
        translations={
            "lo": {
                "title": "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ",
                "competencies": competency_units(("EV-01", "ກວດກາແບັດເຕີຣີແຮງດັນສູງ")),
            }
        },
    )
    welding_standard = resource(
        VocationalStandardPageFactory,
        thai_section,
        [welding],
        [thailand],
        title="Welder occupational standard",
        external_id="LM-STD-WELD",
        code="TH-WELD-4",
        institution=thai_college,
        level=tqf4,
        competencies=competency_units(("WE-01", "Weld a butt joint in the flat position")),
    )
    ev_certification = resource(
        CertificationPageFactory,
        section,
        [electrical],
        [laos],
        [laos, thailand],
        standards=[ev_standard],
        title="新能源汽车维修技能证书",
        external_id="LM-CERT-EV",
        institution=laos_college,
        level=lnqf3,
        validity_years=3,
        assessment_method="Practical test on a live vehicle",
        translations={
            "lo": {"title": "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ"},
            "th": {"title": "ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า"},
        },
    )
    welding_certification = resource(
        CertificationPageFactory,
        thai_section,
        [welding],
        [thailand],
        [thailand],
        standards=[welding_standard],
        title="Certified welder",
        external_id="LM-CERT-WELD",
        institution=thai_college,
        level=tqf4,
        awarding_body="Thailand Professional Qualification Institute",
    )
    electrician_certification = resource(
        CertificationPageFactory,
        section,
        [electrical],
        [laos],
        [laos],
        standards=[ev_standard],
        title="电工职业技能等级证书",
        external_id="LM-CERT-ELEC",
        institution=laos_college,
        level=cn3,
        translations={"lo": {"title": "ໃບຢັ້ງຢືນ ຊ່າງໄຟຟ້າ"}},
    )
    private_certification = resource(
        CertificationPageFactory,
        section,
        [electrical],
        standards=[ev_standard],
        title="内部证书",
        external_id="LM-CERT-SECRET",
        institution=laos_college,
    )
    make_private(private_certification)
    draft_certification = CertificationPageFactory(
        parent=section,
        title="草稿证书",
        external_id="LM-CERT-DRAFT",
        live=False,
        institution=laos_college,
    )
    return {
        "site_tree": site_tree,
        "laos": laos,
        "thailand": thailand,
        "electrical": electrical,
        "welding": welding,
        "ev_standard": ev_standard,
        "welding_standard": welding_standard,
        "ev_certification": ev_certification,
        "welding_certification": welding_certification,
        "electrician_certification": electrician_certification,
        "private_certification": private_certification,
        "draft_certification": draft_certification,
    }


def build_library(tree=None):
    """Five published resources of one institution, some translated, for the engine tests:
    an electric-vehicle course in Chinese, English and Lao; a welding standard and three
    welding courses in Chinese and English. In ``tree`` (build_site_tree()) when
    given, else in a new one."""
    tree = tree or build_site_tree()
    section, institution = tree["section"], tree["institution"]
    automotive = SectorFactory(code="automotive", name="汽车")
    welding = SectorFactory(code="welding", name="焊接")
    common = {"parent": section, "institution": institution}

    course = CoursePageFactory(
        title="新能源汽车维修",
        external_id="LM-CRS-EV-1",
        summary="新能源汽车电池与电机的维修课程。",
        **common,
    )
    standard = VocationalStandardPageFactory(
        title="焊工职业标准",
        external_id="LM-STD-WELD-1",
        summary="焊接工人的职业能力标准。",
        **common,
    )
    practice = [
        CoursePageFactory(
            title=f"焊接实训 {n}",
            external_id=f"LM-CRS-WELD-{n}",
            summary="初学者的电弧焊接实训。",
            **common,
        )
        for n in (1, 2, 3)
    ]
    for page, sector in [(course, automotive), (standard, welding)] + [
        (p, welding) for p in practice
    ]:
        page.sectors.add(sector)
        page.countries.add(institution.country)
        page.save()
        publish(page)

    translations = {
        "course_en": translate(
            course,
            "en",
            title="Electric vehicle maintenance",
            summary="Maintaining the batteries and motors of electric vehicles.",
        ),
        "course_lo": translate(
            course,
            "lo",
            title="ການສ້ອມແປງລົດໄຟຟ້າ",
            summary="ການບຳລຸງຮັກສາແບັດເຕີຣີ ແລະ ມໍເຕີຂອງລົດໄຟຟ້າ.",
        ),
        "standard_en": translate(
            standard,
            "en",
            title="Welding occupational standard",
            summary="The occupational competences of welders.",
        ),
    }
    for n, page in enumerate(practice, start=1):
        translate(
            page, "en", title=f"Welding practice {n}", summary="Arc welding practice for beginners."
        )
    return {
        **tree,
        "course": course,
        "standard": standard,
        "practice": practice,
        **translations,
    }
