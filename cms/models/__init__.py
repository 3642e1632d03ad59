"""Page models of the public site, one module per content type."""

from cms.models.base import IndexPage, PortalPage
from cms.models.directory import DirectoryPage
from cms.models.guides import Audience, GuideFormat, GuideIndexPage, GuidePage
from cms.models.home import HomePage
from cms.models.news import NewsIndexPage, NewsPage
from cms.models.overseas import OverseasIndexPage, OverseasInfoPage, Region
from cms.models.policies import (
    PolicyAttachment,
    PolicyIndexPage,
    PolicyInterpretationPage,
    PolicyLevel,
    PolicyPage,
    PolicyPageTag,
    Validity,
)
from cms.models.topten import CaseType, TopTenCasePage, TopTenCollectionPage, TopTenIndexPage
from cms.models.translation import TranslationSync
from cms.models.whitepapers import KeyFigure, WhitePaperIndexPage, WhitePaperPage

__all__ = [
    "Audience",
    "CaseType",
    "DirectoryPage",
    "GuideFormat",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "IndexPage",
    "KeyFigure",
    "NewsIndexPage",
    "NewsPage",
    "OverseasIndexPage",
    "OverseasInfoPage",
    "PolicyAttachment",
    "PolicyIndexPage",
    "PolicyInterpretationPage",
    "PolicyLevel",
    "PolicyPage",
    "PolicyPageTag",
    "PortalPage",
    "Region",
    "TopTenCasePage",
    "TopTenCollectionPage",
    "TopTenIndexPage",
    "TranslationSync",
    "Validity",
    "WhitePaperIndexPage",
    "WhitePaperPage",
]
