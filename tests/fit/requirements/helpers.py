"""Job postings written for the requirement tests, and helpers to find a requirement or a term in
an extraction. Every expectation in the tests can be checked by reading the posting it refers
to."""

from __future__ import annotations

from nextround.fit.requirements import Extraction, Requirement

NURSING = """Registered Nurse – Medical/Surgical Unit

About Us
Riverside Community Hospital is a 240-bed teaching hospital serving the greater valley region.
We are proud to be an award-winning employer with a close-knit nursing team.

What You'll Do
- Assess, plan and deliver patient care for up to five patients per shift
- Administer medications and IV therapy safely, documenting everything in Epic
- Educate patients and families on discharge plans and follow-up care
- Respond to rapid response calls and escalate changes in patient condition

Requirements
• Current RN licence in the state, in good standing
• BLS and ACLS certification required
• At least 2 years of acute care experience
• Strong communication skills and attention to detail

Nice to have
* Bachelor of Science in Nursing (BSN)
* Experience with telemetry monitoring is a plus

Benefits
- Competitive salary from $38 per hour plus shift differentials
- Medical, dental and vision insurance

Riverside Community Hospital is an equal opportunity employer. All qualified applicants will
receive consideration for employment without regard to race, colour, religion, sex, national
origin, disability or veteran status.
"""

SALES = """Account Executive, Mid-Market (London)

Brightpath builds scheduling software for clinics across Europe. Since 2016 we have grown to
300 people and our customers book two million appointments a month through us.

The role
As an Account Executive you will own the full sales cycle for mid-market clinics. You will build
pipeline through outbound prospecting and inbound leads, run tailored product demonstrations,
and negotiate multi-year agreements with practice owners. You'll keep Salesforce up to date and
forecast your quarter accurately.

What we're looking for
You have at least 3 years of B2B SaaS sales experience with a track record of exceeding quota.
You are comfortable presenting to senior decision makers and handling objections. Experience
selling into healthcare is desirable. Fluency in German or French would be a bonus.

What we offer
Base salary of £55,000–£65,000 plus uncapped commission and 28 days holiday. To apply, send
your CV and a short cover letter to careers@brightpath.example.
"""

SOFTWARE = """# Senior Backend Engineer (Python)

## About the team
We're the payments platform team at Northwind, a fast-growing fintech.

## Responsibilities
1. Design, build and operate Python services on AWS that process card payments
2. Own the reliability of our PostgreSQL databases, including schema migrations
3. Review code and mentor two mid-level engineers

## Must have
- 5+ years of professional software development experience
- Deep knowledge of Python, Django or FastAPI, and SQL
- Familiarity with Docker, Kubernetes and CI/CD pipelines

## Nice to have
- Experience with PCI DSS compliance
- Go or Rust

## Benefits
- Remote-first, 25 days annual leave, learning budget

*Northwind is an equal opportunity employer and welcomes applicants from all backgrounds.*
"""

# Text as it comes out of a PDF: wrapped lines, headings ending with a colon, "·" bullets.
FINANCE = """FINANCIAL CONTROLLER
Harbour Foods Ltd – Bristol – Permanent

Harbour Foods is a family-owned food manufacturer supplying major UK
retailers. Following a period of strong growth we are looking for a
Financial Controller to lead our finance team of six.

Key Responsibilities:
· Prepare the monthly management accounts and board pack within five
working days of month end
· Manage the year-end audit and liaise with external auditors
· Oversee VAT returns, corporation tax computations and cash flow forecasting
· Improve financial controls and month-end processes in SAP

Qualifications:
· ACA, ACCA or CIMA qualified with at least 3 years post-qualification experience
· Advanced Excel skills, including pivot tables
· Experience in a manufacturing environment is essential
· Ideally you will have led a team through an ERP implementation

Salary: £60,000 - £70,000 plus 10% bonus and car allowance
How to apply: please send your CV to jobs@harbourfoods.example
"""

OPERATIONS = """Warehouse Operations Supervisor - Night Shift

Duties
1) Supervise a team of 15 pickers and loaders across the night shift
2) Carry out daily safety walks and investigate accidents and near misses
3) Track KPIs such as pick rate and on-time dispatch, and report them each morning
4) Lead continuous improvement using Lean methods

Essential:
- Previous supervisory experience in a warehouse or distribution centre
- Counterbalance or reach truck forklift licence
- Good IT skills (Excel, Outlook)

Desirable:
- IOSH certificate
- Six Sigma Green Belt
- Full UK driving licence

We are an equal opportunities employer and value diversity at our company.
Benefits: 33 days holiday, pension, free on-site parking.
"""


def requirement(extraction: Extraction, fragment: str) -> Requirement:
    """The one requirement whose text contains the fragment."""
    found = [r for r in extraction.requirements if fragment in r.text]
    assert len(found) == 1, (fragment, [r.text for r in extraction.requirements])
    return found[0]


def has_term(requirement: Requirement, text: str, kind: str | None = None) -> bool:
    """A term of the requirement contains the text (and has the kind, when given)."""
    return any(text in t.text and (kind is None or t.kind == kind) for t in requirement.terms)
