<?xml version="1.0" encoding="UTF-8"?>
<!--
  log.xsl: a relay log (stafettlogg), the page a case lives on: who the
  child is and who holds the baton, where the case stands in the action
  guide, a handover waiting for an answer, measures, meetings, minutes,
  participants, consents, notices to partners, the timeline, and the
  actions the user's rights allow. The view is <page name="log"><log/>
  from logview.c; after a refused action (422) also <error action field>
  and what was typed, <typed action name>, so the form is shown again
  open, with the error tied to its field.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:key name="participant" match="participants/participant" use="@id"/>
  <xsl:key name="minutes-by-meeting" match="minutes-list/minutes" use="@meeting"/>
  <xsl:key name="candidate-unit" match="candidates/user" use="@unit"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Relay log {0}', log/@reference)"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="l" select="log"/>
    <xsl:variable name="r" select="$l/rights"/>
    <xsl:variable name="family" select="$l/@role = 'guardian' or $l/@role = 'youth'"/>
    <h1>
      <xsl:value-of select="i:t('Relay log for {0}', $l/@child)"/>
    </h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The change was not made. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <xsl:variable name="href">
              <xsl:choose>
                <!-- an answer's form is its meeting's; no meeting: the list -->
                <xsl:when test="@action = 'answer' and @field = 'meeting'">#meetings</xsl:when>
                <xsl:when test="@action = 'answer'"><xsl:value-of select="concat('#answer-', /page/typed[@action = 'answer'][@name = 'meeting'], '-', @field)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('#', @action, '-', @field)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <li><a href="{$href}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:call-template name="unsent-callout">
      <xsl:with-param name="notices" select="$l/notices"/>
    </xsl:call-template>
    <xsl:apply-templates select="$l" mode="head"/>
    <xsl:if test="$l/@status = 'closed'">
      <div class="callout">
        <p>
          <strong><xsl:value-of select="i:t('This relay log is closed.')"/></strong>
          <xsl:text> </xsl:text>
          <xsl:value-of select="i:t('Nothing more can be added or changed. The archive copy keeps it as it was when it was closed.')"/>
        </p>
        <p>
          <a href="/logs/{$l/@id}/archive"><xsl:value-of select="i:t('Read the archive copy')"/></a>
          <xsl:text> · </xsl:text>
          <a href="/logs/{$l/@id}/archive?download=1"><xsl:value-of select="i:t('Download the archive copy')"/></a>
        </p>
        <xsl:if test="$l/@feedback">
          <p><a class="button secondary" href="/feedback/{$l/@feedback}"><xsl:value-of select="i:t('Tell the service how the cooperation went')"/></a></p>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="$family">
      <div class="callout">
        <p><xsl:value-of select="i:t('This is the relay log: everything the services write about this case is here, and you can read all of it. You can add a note or a bright spot, withdraw a consent, ask for the log to be closed, and see who has read it.')"/></p>
      </div>
      <!-- The family's next step: reach the person who coordinates. -->
      <section class="card contact" aria-labelledby="contact-title" id="contact">
        <h2 id="contact-title" class="card-title"><xsl:value-of select="i:t('Who to talk to')"/></h2>
        <p><xsl:value-of select="i:t('{0} at {1} coordinates the help for {2} and is the one to ask.', $l/@holder, $l/@holder-unit, $l/@child)"/></p>
        <xsl:if test="$l/@status = 'open' and $r/@note">
          <p><a class="button primary small" href="#note"><xsl:value-of select="i:t('Write to {0} in the log', $l/@holder)"/></a></p>
          <p class="muted"><xsl:value-of select="i:t('Everyone with access to the log can read what you write. {0} is also told by e-mail, if they have asked for it.', $l/@holder)"/></p>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:apply-templates select="$l/passed[concern]"/>
    <xsl:apply-templates select="$l/handover"/>
    <nav class="toc" aria-label="{i:t('On this page')}">
      <ul>
        <li><a href="#guide"><xsl:value-of select="i:t('Where the case stands')"/></a></li>
        <li><a href="#measures"><xsl:value-of select="i:t('Measures')"/></a></li>
        <li><a href="#meetings"><xsl:value-of select="i:t('Meetings and minutes')"/></a></li>
        <li><a href="#participants"><xsl:value-of select="i:t('Participants')"/></a></li>
        <li><a href="#roles"><xsl:value-of select="i:t('Coordination and the responsible group')"/></a></li>
        <xsl:if test="$l/family or $r/@manage">
          <li><a href="#family"><xsl:value-of select="i:t('Siblings')"/></a></li>
        </xsl:if>
        <li><a href="#referrals"><xsl:value-of select="i:t('Teams the family is referred to')"/></a></li>
        <li><a href="#consents"><xsl:value-of select="i:t('Consents')"/></a></li>
        <li><a href="#notices"><xsl:value-of select="i:t('Notices to partners')"/></a></li>
        <li><a href="#timeline"><xsl:value-of select="i:t('Timeline')"/></a></li>
        <xsl:if test="$r/@level or $r/@handover or $r/@manage or $r/@close-ask or $r/@access-log or $l/@status = 'closed'">
          <li><a href="#manage"><xsl:call-template name="manage-title"/></a></li>
        </xsl:if>
      </ul>
    </nav>
    <xsl:apply-templates select="$l/guide"/>
    <xsl:apply-templates select="$l/measures"/>
    <xsl:call-template name="meetings-and-minutes"/>
    <xsl:apply-templates select="$l/participants"/>
    <xsl:apply-templates select="$l/roles"/>
    <xsl:call-template name="family"/>
    <xsl:apply-templates select="$l/referrals"/>
    <xsl:apply-templates select="$l/consents"/>
    <xsl:apply-templates select="$l/notices"/>
    <xsl:apply-templates select="$l/events"/>
    <xsl:call-template name="manage"/>
  </xsl:template>

  <!-- ======================== concerns passed to the log from outside -->
  <xsl:template match="passed">
    <section class="callout handover-box" aria-labelledby="passed-title" id="passed">
      <h2 id="passed-title"><xsl:value-of select="i:t('Concerns passed to this relay log')"/></h2>
      <p><xsl:value-of select="i:t('Someone outside the relay log wrote down a concern about the child. Take it into the log, or answer its author; its author has been told only that it was passed to the people responsible.')"/></p>
      <ul>
        <xsl:for-each select="concern">
          <li>
            <a href="/concerns/{@id}#receive"><xsl:value-of select="i:t('Concern {0} from {1}', @reference, @unit)"/></a>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
            <xsl:text>)</xsl:text>
            <xsl:if test="@urgent"><xsl:text> </xsl:text><strong class="tag bad"><xsl:value-of select="i:t('Urgent')"/></strong></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- The last section: the services manage the case; the family has
       what they may do (withdraw, ask to close, see who read it). -->
  <xsl:template name="manage-title">
    <xsl:choose>
      <xsl:when test="/page/log/@role = 'guardian' or /page/log/@role = 'youth'"><xsl:value-of select="i:t('What you can do')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('Manage the case')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================== the head -->
  <xsl:template match="log" mode="head">
    <xsl:variable name="lv" select="guide/level[@n = current()/@level]"/>
    <dl class="facts case-facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:value-of select="@child"/>
        <xsl:if test="@age"><xsl:text>, </xsl:text><xsl:value-of select="i:t('{0} years', @age)"/></xsl:if>
        <xsl:if test="@birth-date">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('born')"/><xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@birth-date"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:if test="@expected-date and not(@birth-date)">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('not born yet, expected')"/><xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@expected-date"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </dd>
      <xsl:if test="@family-language">
        <dt><xsl:value-of select="i:t('The family’s language')"/></dt>
        <dd>
          <xsl:value-of select="@family-language"/>
          <xsl:if test="@interpreter">
            <xsl:text> – </xsl:text><strong><xsl:value-of select="i:t('an interpreter is needed')"/></strong>
          </xsl:if>
        </dd>
      </xsl:if>
      <dt><xsl:value-of select="i:t('Level')"/></dt>
      <dd>
        <strong class="level-badge level-{@level}">
          <xsl:call-template name="level">
            <xsl:with-param name="n" select="@level"/>
            <xsl:with-param name="name" select="$lv/@name"/>
            <xsl:with-param name="lang" select="$lv/@name-lang"/>
          </xsl:call-template>
        </strong>
        <xsl:if test="@role = 'guardian' or @role = 'youth'">
          <xsl:text> </xsl:text>
          <span class="level-plain"><xsl:call-template name="level-plain"><xsl:with-param name="n" select="@level"/></xsl:call-template></span>
        </xsl:if>
        <xsl:if test="@level-since">
          <xsl:text> </xsl:text>
          <xsl:variable name="since"><xsl:call-template name="date"><xsl:with-param name="d" select="@level-since"/></xsl:call-template></xsl:variable>
          <span class="since"><xsl:value-of select="i:t('since {0}', $since)"/></span>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Relay holder')"/></dt>
      <dd>
        <xsl:value-of select="@holder"/>
        <xsl:if test="@holder-unit"><xsl:text>, </xsl:text><xsl:value-of select="@holder-unit"/></xsl:if>
      </dd>
      <dt>
        <xsl:choose>
          <xsl:when test="@role = 'guardian' or @role = 'youth'"><xsl:value-of select="i:t('Started by')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Home unit')"/></xsl:otherwise>
        </xsl:choose>
      </dt>
      <dd><xsl:value-of select="@home-unit"/></dd>
      <dt><xsl:value-of select="i:t('Status')"/></dt>
      <dd>
        <xsl:call-template name="log-status"><xsl:with-param name="s" select="@status"/></xsl:call-template>
        <xsl:if test="@closed">
          <xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@closed"/></xsl:call-template>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Opened')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Reference')"/></dt>
      <dd><span class="ref"><xsl:value-of select="@reference"/></span></dd>
      <xsl:if test="@role">
        <dt><xsl:value-of select="i:t('Your role')"/></dt>
        <dd><xsl:call-template name="role"><xsl:with-param name="r" select="@role"/></xsl:call-template></dd>
      </xsl:if>
    </dl>
  </xsl:template>

  <!-- What a level means, in the family's words (the guide's names
       are the services' own). -->
  <xsl:template name="level-plain">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n = 0"><xsl:value-of select="i:t('(a worry is being looked into)')"/></xsl:when>
      <xsl:when test="$n = 1"><xsl:value-of select="i:t('(the kindergarten or school helps on its own)')"/></xsl:when>
      <xsl:when test="$n = 2"><xsl:value-of select="i:t('(several services work together with you)')"/></xsl:when>
      <xsl:when test="$n = 3"><xsl:value-of select="i:t('(many services work closely together with you)')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================ the handover -->
  <xsl:template match="log/handover">
    <xsl:variable name="l" select=".."/>
    <section class="callout handover-box" aria-labelledby="handover-title" id="handover">
      <h2 id="handover-title"><xsl:value-of select="i:t('A handover is waiting for an answer')"/></h2>
      <p>
        <xsl:choose>
          <xsl:when test="@to-me"><xsl:value-of select="i:t('{0} has asked you to take over as relay holder.', @from)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('{0} has asked {1} to take over as relay holder.', @from, @to)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:value-of select="i:t('Until it is accepted, {0} is still the relay holder and responsible for the case.', $l/@holder)"/>
      </p>
      <xsl:if test="normalize-space(.) != ''">
        <p><strong><xsl:value-of select="i:t('Why:')"/></strong><xsl:text> </xsl:text><span class="text"><xsl:value-of select="."/></span></p>
      </xsl:if>
      <p class="muted">
        <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="i:t('Asked {0}.', $when)"/>
        <xsl:text> </xsl:text>
        <a href="/handovers/{@id}"><xsl:value-of select="i:t('See the handover')"/></a>
      </p>
      <xsl:choose>
        <xsl:when test="@to-me">
          <div class="decide">
            <form method="post" action="/handovers/{@id}/accept" class="inline-form">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="primary"><xsl:value-of select="i:t('Accept: I take over the relay log')"/></button>
            </form>
            <details class="action">
              <summary><xsl:value-of select="i:t('Refuse the handover')"/></summary>
              <form method="post" action="/handovers/{@id}/refuse" novalidate="novalidate">
                <input type="hidden" name="csrf" value="{/page/csrf}"/>
                <input type="hidden" name="idem" value="{/page/idem}"/>
                <xsl:call-template name="field">
                  <xsl:with-param name="id" select="'refuse-reason'"/>
                  <xsl:with-param name="name" select="'reason'"/>
                  <xsl:with-param name="label" select="i:t('Why do you refuse?')"/>
                  <xsl:with-param name="type" select="'textarea'"/>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength" select="'2000'"/>
                  <xsl:with-param name="hint" select="i:t('The relay holder reads this. At most 2000 characters.')"/>
                </xsl:call-template>
                <button type="submit" class="secondary"><xsl:value-of select="i:t('Refuse')"/></button>
              </form>
            </details>
          </div>
        </xsl:when>
        <xsl:when test="$l/@role = 'holder' and $l/rights/@handover">
          <form method="post" action="/handovers/{@id}/withdraw" class="inline-form">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <button type="submit" class="secondary"><xsl:value-of select="i:t('Withdraw the handover')"/></button>
          </form>
        </xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================================= where it stands -->
  <xsl:template match="guide">
    <xsl:variable name="l" select=".."/>
    <xsl:variable name="cur" select="level[@current]"/>
    <xsl:variable name="open" select="$l/@status = 'open'"/>
    <section class="panel guide" aria-labelledby="guide-title" id="guide">
      <h2 id="guide-title">
        <xsl:choose>
          <xsl:when test="$open"><xsl:value-of select="i:t('Where the case stands')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Where the case stood')"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="lead">
        <xsl:call-template name="level">
          <xsl:with-param name="n" select="@level"/>
          <xsl:with-param name="name" select="$cur/@name"/>
          <xsl:with-param name="lang" select="$cur/@name-lang"/>
        </xsl:call-template>
        <xsl:if test="$l/@level-since and $open">
          <xsl:text>. </xsl:text>
          <xsl:variable name="since"><xsl:call-template name="date"><xsl:with-param name="d" select="$l/@level-since"/></xsl:call-template></xsl:variable>
          <xsl:value-of select="i:t('The deadlines count from {0}, when the case came to this level.', $since)"/>
        </xsl:if>
      </p>
      <xsl:choose>
        <xsl:when test="not($cur/step)">
          <p class="none"><xsl:value-of select="i:t('The action guide has no steps for this level.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ol class="steps">
            <xsl:for-each select="$cur/step">
              <li>
                <xsl:attribute name="class">
                  <xsl:text>step</xsl:text>
                  <xsl:choose>
                    <xsl:when test="@done"> done</xsl:when>
                    <xsl:when test="@next and $open"> next</xsl:when>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:if test="@next and $open"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
                <span class="step-mark" aria-hidden="true">
                  <xsl:choose>
                    <xsl:when test="@done">✓</xsl:when>
                    <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
                  </xsl:choose>
                </span>
                <div class="step-body">
                  <xsl:choose>
                    <xsl:when test="@done"><strong class="tag ok"><xsl:value-of select="i:t('Done')"/></strong><xsl:text> </xsl:text></xsl:when>
                    <xsl:when test="@next and $open"><strong class="tag info"><xsl:value-of select="i:t('Next step')"/></strong><xsl:text> </xsl:text></xsl:when>
                  </xsl:choose>
                  <span class="step-text"><xsl:if test="@lang"><xsl:attribute name="lang"><xsl:value-of select="@lang"/></xsl:attribute></xsl:if><xsl:value-of select="."/></span>
                  <xsl:if test="@due">
                    <xsl:text> </xsl:text>
                    <xsl:variable name="due"><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template></xsl:variable>
                    <span class="due"><xsl:value-of select="i:t('by {0}', $due)"/></span>
                  </xsl:if>
                  <xsl:if test="not(@done) and @form and $open">
                    <xsl:call-template name="step-tool">
                      <xsl:with-param name="form" select="@form"/>
                      <xsl:with-param name="l" select="$l"/>
                      <xsl:with-param name="primary" select="boolean(@next)"/>
                    </xsl:call-template>
                  </xsl:if>
                </div>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:otherwise>
      </xsl:choose>
      <details class="all-levels">
        <summary><xsl:value-of select="i:t('The whole action guide, all levels')"/></summary>
        <xsl:for-each select="level">
          <h3>
            <xsl:call-template name="level">
              <xsl:with-param name="n" select="@n"/>
              <xsl:with-param name="name" select="@name"/>
              <xsl:with-param name="lang" select="@name-lang"/>
            </xsl:call-template>
            <xsl:if test="@current"><xsl:text> </xsl:text><span class="tag info"><xsl:value-of select="i:t('Now')"/></span></xsl:if>
          </h3>
          <ol>
            <xsl:for-each select="step">
              <li>
                <xsl:choose>
                  <xsl:when test="@lang"><span lang="{@lang}"><xsl:value-of select="."/></span></xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="@days">
                  <xsl:text> </xsl:text>
                  <span class="muted"><xsl:value-of select="i:t('(within {0} days)', @days)"/></span>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:for-each>
      </details>
    </section>
  </xsl:template>

  <!-- The tool of a step: a link to its form when the user may use it. -->
  <xsl:template name="step-tool">
    <xsl:param name="form"/>
    <xsl:param name="l"/>
    <xsl:param name="primary" select="false()"/>
    <xsl:variable name="r" select="$l/rights"/>
    <xsl:variable name="cls">
      <xsl:choose>
        <xsl:when test="$primary">button primary small</xsl:when>
        <xsl:otherwise>tool</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$form = 'evaluation' and ($l/@role = 'holder' or $l/measures/measure[@mine])">
        <p class="step-tool"><a class="{$cls}" href="#measures"><xsl:value-of select="i:t('Evaluate the measures')"/></a></p>
      </xsl:when>
      <!-- "Clarify the holder and which services take part": mostly
           the holder stays and asks the others in; handing over is the
           exception, offered beside it, never as the big button. -->
      <xsl:when test="$form = 'handover' and $r/@manage">
        <p class="step-tool">
          <a class="{$cls}" href="#participants"><xsl:value-of select="i:t('Choose who takes part')"/></a>
          <xsl:if test="$r/@handover and not($l/handover)">
            <xsl:text> </xsl:text>
            <a class="tool" href="/forms/handover?log={$l/@id}"><xsl:value-of select="i:t('or hand the log over to someone else')"/></a>
          </xsl:if>
        </p>
      </xsl:when>
      <xsl:when test="$form = 'handover' and $r/@handover and not($l/handover)">
        <p class="step-tool"><a class="tool" href="/forms/handover?log={$l/@id}"><xsl:value-of select="i:t('Hand over the relay log')"/></a></p>
      </xsl:when>
      <xsl:when test="($form = 'minutes') and $r/@minutes">
        <p class="step-tool"><a class="{$cls}" href="#meetings"><xsl:value-of select="i:t('Plan a meeting or write minutes')"/></a></p>
      </xsl:when>
      <xsl:when test="$form = 'cw-report' and $r/@minutes">
        <p class="step-tool"><a class="{$cls}" href="/forms/cw-report?log={$l/@id}"><xsl:value-of select="i:t('Send a report of concern to child welfare')"/></a></p>
      </xsl:when>
      <xsl:when test="$form = 'consent' and $r/@manage">
        <p class="step-tool"><a class="{$cls}" href="/forms/consent?log={$l/@id}"><xsl:value-of select="i:t('Record a consent')"/></a></p>
      </xsl:when>
      <xsl:when test="$form = 'referral' and $r/@manage">
        <p class="step-tool"><a class="{$cls}" href="/forms/referral?log={$l/@id}"><xsl:value-of select="i:t('Write a referral')"/></a></p>
      </xsl:when>
      <xsl:when test="$form = 'nav-notice' and $r/@manage">
        <p class="step-tool"><a class="{$cls}" href="/forms/nav-notice?log={$l/@id}"><xsl:value-of select="i:t('Write a notice to NAV')"/></a></p>
      </xsl:when>
      <xsl:when test="$form = 'closing' and $r/@manage">
        <p class="step-tool"><a class="{$cls}" href="/forms/closing?log={$l/@id}"><xsl:value-of select="i:t('Write the closing note')"/></a></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================= measures -->
  <xsl:template match="measures">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="measures-title" id="measures">
      <h2 id="measures-title"><xsl:value-of select="i:t('Measures')"/></h2>
      <xsl:if test="measure[@overdue]">
        <p class="callout warn-box"><strong><xsl:value-of select="i:t('Measures past their evaluation date: {0}', count(measure[@overdue]))"/></strong></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="not(measure)">
          <p class="none"><xsl:value-of select="i:t('No measures yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="cards">
            <xsl:for-each select="measure">
              <li id="measure-{@id}">
                <xsl:attribute name="class">card<xsl:if test="@overdue"> overdue</xsl:if></xsl:attribute>
                <h3 class="card-title"><xsl:value-of select="what"/></h3>
                <p class="card-state"><xsl:call-template name="measure-state"/></p>
                <dl class="facts">
                  <dt><xsl:value-of select="i:t('Goal')"/></dt>
                  <dd class="text"><xsl:value-of select="goal"/></dd>
                  <dt><xsl:value-of select="i:t('Responsible')"/></dt>
                  <dd><xsl:value-of select="@responsible"/></dd>
                  <dt><xsl:value-of select="i:t('Started')"/></dt>
                  <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@start"/></xsl:call-template></dd>
                  <dt><xsl:value-of select="i:t('Evaluate by')"/></dt>
                  <dd>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@evaluation"/></xsl:call-template>
                  </dd>
                </dl>
                <xsl:if test="$l/@status = 'open' and @status != 'ended' and (@mine or $l/@role = 'holder')">
                  <p class="card-actions">
                    <a href="/forms/evaluation?measure={@id}">
                      <xsl:attribute name="class">button<xsl:if test="@overdue"> primary</xsl:if><xsl:if test="not(@overdue)"> secondary</xsl:if> small</xsl:attribute>
                      <xsl:value-of select="i:t('Evaluate the measure')"/>
                      <span class="visually-hidden">: <xsl:value-of select="what"/></span>
                    </a>
                  </p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@manage">
        <xsl:call-template name="measure-form"/>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="measure-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'measure']"/>
    <details class="action" id="new-measure">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Add a measure')"/></summary>
      <form method="post" action="/logs/{$l/@id}/measures" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'measure-what'"/>
          <xsl:with-param name="name" select="'what'"/>
          <xsl:with-param name="label" select="i:t('What will be done?')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'2000'"/>
          <xsl:with-param name="value" select="string(/page/typed[@action = 'measure'][@name = 'what'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'what'])"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'measure-goal'"/>
          <xsl:with-param name="name" select="'goal'"/>
          <xsl:with-param name="label" select="i:t('What should it achieve?')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'2000'"/>
          <xsl:with-param name="value" select="string(/page/typed[@action = 'measure'][@name = 'goal'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'goal'])"/>
        </xsl:call-template>
        <xsl:call-template name="member-select">
          <xsl:with-param name="id" select="'measure-responsible'"/>
          <xsl:with-param name="name" select="'responsible'"/>
          <xsl:with-param name="label" select="i:t('Responsible')"/>
          <xsl:with-param name="hint" select="i:t('The relay holder or a participant.')"/>
          <xsl:with-param name="chosen" select="string(/page/typed[@action = 'measure'][@name = 'responsible'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'responsible'])"/>
        </xsl:call-template>
        <div class="field-row">
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'measure-start'"/>
            <xsl:with-param name="name" select="'start'"/>
            <xsl:with-param name="label" select="i:t('Start date')"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="class" select="'short'"/>
            <xsl:with-param name="value" select="string(/page/typed[@action = 'measure'][@name = 'start'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'start'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'measure-evaluation'"/>
            <xsl:with-param name="name" select="'evaluation'"/>
            <xsl:with-param name="label" select="i:t('Evaluation date')"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="class" select="'short'"/>
            <xsl:with-param name="value" select="string(/page/typed[@action = 'measure'][@name = 'evaluation'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'evaluation'])"/>
          </xsl:call-template>
        </div>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the measure')"/></button>
      </form>
    </details>
  </xsl:template>

  <!-- A select of the holder and the covered participants. -->
  <xsl:template name="member-select">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="chosen" select="''"/>
    <xsl:param name="error" select="''"/>
    <xsl:param name="members" select="/page/log/participants/participant[@holder or @covered = 'true']"/>
    <div>
      <xsl:attribute name="class">field<xsl:if test="$error != ''"> has-error</xsl:if></xsl:attribute>
      <label for="{$id}">
        <xsl:value-of select="$label"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
      </label>
      <xsl:if test="$hint != ''"><div class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></div></xsl:if>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="error" select="$error"/>
      </xsl:call-template>
      <select id="{$id}" name="{$name}" aria-required="true">
        <xsl:call-template name="described">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="hint" select="$hint"/>
          <xsl:with-param name="error" select="$error"/>
        </xsl:call-template>
        <option value=""><xsl:value-of select="i:t('Choose …')"/></option>
        <xsl:for-each select="$members">
          <option value="{@id}">
            <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@name"/>
            <xsl:text> – </xsl:text>
            <xsl:value-of select="@unit"/>
            <xsl:if test="@holder"><xsl:text> (</xsl:text><xsl:value-of select="i:t('relay holder')"/><xsl:text>)</xsl:text></xsl:if>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <xsl:template name="described">
    <xsl:param name="id"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="error" select="''"/>
    <xsl:variable name="ids">
      <xsl:if test="$hint != ''"><xsl:value-of select="concat($id, '-hint ')"/></xsl:if>
      <xsl:if test="$error != ''"><xsl:value-of select="concat($id, '-error')"/></xsl:if>
    </xsl:variable>
    <xsl:if test="normalize-space($ids) != ''">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($ids)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$error != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
  </xsl:template>

  <!-- ======================================== meetings and minutes -->
  <xsl:template name="meetings-and-minutes">
    <xsl:variable name="l" select="/page/log"/>
    <section aria-labelledby="meetings-title" id="meetings">
      <h2 id="meetings-title"><xsl:value-of select="i:t('Meetings and minutes')"/></h2>
      <h3><xsl:value-of select="i:t('Meetings')"/></h3>
      <xsl:choose>
        <xsl:when test="not($l/meetings/meeting)">
          <p class="none"><xsl:value-of select="i:t('No meetings yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="cards">
            <xsl:for-each select="$l/meetings/meeting">
              <xsl:variable name="mins" select="key('minutes-by-meeting', @id)"/>
              <li class="card" id="meeting-{@id}">
                <h4 class="card-title">
                  <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template>
                  <xsl:text> · </xsl:text>
                  <xsl:value-of select="@place"/>
                  <xsl:if test="@family-meeting"><xsl:text> </xsl:text><span class="tag info"><xsl:value-of select="i:t('Family meeting')"/></span></xsl:if>
                </h4>
                <dl class="facts">
                  <dt><xsl:value-of select="i:t('Invited')"/></dt>
                  <dd>
                    <xsl:if test="@family-invited">
                      <p><xsl:value-of select="i:t('The family: the guardians, and the young person from 15')"/></p>
                    </xsl:if>
                    <xsl:choose>
                      <xsl:when test="invitee">
                        <ul class="plain">
                          <xsl:for-each select="invitee">
                            <li>
                              <xsl:value-of select="@name"/>
                              <xsl:text>: </xsl:text>
                              <xsl:call-template name="meeting-answer">
                                <xsl:with-param name="a" select="@answer"/>
                              </xsl:call-template>
                              <xsl:if test="normalize-space(.) != ''">
                                <xsl:text> – </xsl:text><span class="text"><xsl:value-of select="."/></span>
                              </xsl:if>
                            </li>
                          </xsl:for-each>
                        </ul>
                      </xsl:when>
                      <xsl:when test="not(@family-invited)"><span class="none"><xsl:value-of select="i:t('No one invited in Stafett')"/></span></xsl:when>
                    </xsl:choose>
                  </dd>
                  <dt><xsl:value-of select="i:t('Agenda')"/></dt>
                  <dd class="text"><xsl:value-of select="agenda"/></dd>
                  <dt><xsl:value-of select="i:t('Minutes')"/></dt>
                  <dd>
                    <xsl:choose>
                      <xsl:when test="$mins[@status = 'final']">
                        <a href="/minutes/{$mins[@status = 'final'][1]/@id}"><xsl:value-of select="i:t('Read the minutes')"/></a>
                      </xsl:when>
                      <xsl:when test="$mins[@status = 'draft']">
                        <xsl:value-of select="i:t('Your draft is not final yet.')"/>
                        <xsl:text> </xsl:text>
                        <a href="/minutes/{$mins[@status = 'draft'][1]/@id}"><xsl:value-of select="i:t('Open your draft')"/></a>
                      </xsl:when>
                      <xsl:otherwise><span class="none"><xsl:value-of select="i:t('Not written yet')"/></span></xsl:otherwise>
                    </xsl:choose>
                  </dd>
                </dl>
                <xsl:if test="@answerable">
                  <xsl:call-template name="answer-form"/>
                </xsl:if>
                <xsl:if test="$l/rights/@minutes and not($mins)">
                  <p class="card-actions">
                    <a class="button secondary small" href="/forms/minutes?log={$l/@id}&amp;meeting={@id}">
                      <xsl:value-of select="i:t('Write the minutes')"/>
                      <span class="visually-hidden">: <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template></span>
                    </a>
                  </p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@manage">
        <xsl:call-template name="meeting-form"/>
      </xsl:if>
      <h3 id="minutes"><xsl:value-of select="i:t('Minutes')"/></h3>
      <xsl:choose>
        <xsl:when test="not($l/minutes-list/minutes)">
          <p class="none"><xsl:value-of select="i:t('No minutes yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Minutes, newest first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Minutes')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Status')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Written by')"/></th>
                <th scope="col"><span class="visually-hidden"><xsl:value-of select="i:t('Actions')"/></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/minutes-list/minutes">
                <tr>
                  <td>
                    <a href="/minutes/{@id}">
                      <xsl:choose>
                        <xsl:when test="@meeting-starts">
                          <xsl:variable name="when"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@meeting-starts"/></xsl:call-template></xsl:variable>
                          <xsl:value-of select="i:t('Meeting {0}', $when)"/>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="i:t('Minutes without a planned meeting')"/></xsl:otherwise>
                      </xsl:choose>
                    </a>
                    <xsl:if test="@corrects">
                      <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="i:t('(a correction)')"/></span>
                    </xsl:if>
                  </td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@status = 'final'">
                        <strong class="tag ok"><xsl:value-of select="i:t('Final')"/></strong>
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="date"><xsl:with-param name="d" select="@finalised"/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise>
                        <strong class="tag warn"><xsl:value-of select="i:t('Draft')"/></strong>
                        <xsl:text> </xsl:text>
                        <span class="muted"><xsl:value-of select="i:t('only you can see it')"/></span>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td>
                    <xsl:value-of select="@author"/>
                    <xsl:text>, </xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
                  </td>
                  <td>
                    <xsl:if test="$l/rights/@minutes">
                      <xsl:choose>
                        <xsl:when test="@status = 'draft'">
                          <a href="/forms/minutes?minutes={@id}"><xsl:value-of select="i:t('Continue writing')"/></a>
                        </xsl:when>
                        <xsl:otherwise>
                          <a href="/forms/minutes?corrects={@id}"><xsl:value-of select="i:t('Write a correction')"/></a>
                        </xsl:otherwise>
                      </xsl:choose>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@minutes">
        <p><a href="/forms/minutes?log={$l/@id}"><xsl:value-of select="i:t('Write minutes of a meeting that was not planned here')"/></a></p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="meeting-answer">
    <xsl:param name="a"/>
    <xsl:choose>
      <xsl:when test="$a = 'coming'"><xsl:value-of select="i:t('coming')"/></xsl:when>
      <xsl:when test="$a = 'not_coming'"><xsl:value-of select="i:t('cannot come')"/></xsl:when>
      <xsl:when test="$a = 'other_time'"><xsl:value-of select="i:t('asks for another time')"/></xsl:when>
      <xsl:otherwise><span class="none"><xsl:value-of select="i:t('not answered')"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The answer to an invitation, in the meeting's card (context: the
       meeting). What was typed comes back only to the form of the
       meeting it was for. -->
  <xsl:template name="answer-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="mine" select="/page/typed[@action = 'answer'][@name = 'meeting'] = @id"/>
    <xsl:variable name="e" select="/page/error[@action = 'answer'][$mine]"/>
    <xsl:variable name="typed" select="/page/typed[@action = 'answer'][$mine]"/>
    <xsl:variable name="me" select="invitee[@me]"/>
    <xsl:variable name="chosen">
      <xsl:choose>
        <xsl:when test="$typed"><xsl:value-of select="$typed[@name = 'answer']"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$me/@answer"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="id" select="concat('answer-', @id)"/>
    <details class="action" id="{$id}">
      <xsl:if test="$e or not($me/@answer)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>
        <xsl:choose>
          <xsl:when test="$me/@answer"><xsl:value-of select="i:t('Change your answer')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Answer the invitation')"/></xsl:otherwise>
        </xsl:choose>
      </summary>
      <form method="post" action="/logs/{$l/@id}/meetings/answer" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <input type="hidden" name="meeting" value="{@id}"/>
        <xsl:variable name="aerr" select="string($e[@field = 'answer'])"/>
        <fieldset>
          <xsl:attribute name="class">field choices<xsl:if test="$aerr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:call-template name="described">
            <xsl:with-param name="id" select="concat($id, '-answer')"/>
            <xsl:with-param name="error" select="$aerr"/>
          </xsl:call-template>
          <legend><xsl:value-of select="i:t('Your answer')"/><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></legend>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="concat($id, '-answer')"/>
            <xsl:with-param name="error" select="$aerr"/>
          </xsl:call-template>
          <div class="choice">
            <input type="radio" id="{$id}-answer" name="answer" value="coming">
              <xsl:if test="$chosen = 'coming'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="{$id}-answer"><xsl:value-of select="i:t('I am coming')"/></label>
          </div>
          <div class="choice">
            <input type="radio" id="{$id}-answer-2" name="answer" value="not_coming">
              <xsl:if test="$chosen = 'not_coming'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="{$id}-answer-2"><xsl:value-of select="i:t('I cannot come')"/></label>
          </div>
          <div class="choice">
            <input type="radio" id="{$id}-answer-3" name="answer" value="other_time">
              <xsl:if test="$chosen = 'other_time'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="{$id}-answer-3"><xsl:value-of select="i:t('I ask for another time')"/></label>
          </div>
        </fieldset>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="concat($id, '-note')"/>
          <xsl:with-param name="name" select="'note'"/>
          <xsl:with-param name="label" select="i:t('Message to the relay holder')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'2'"/>
          <xsl:with-param name="maxlength" select="'1000'"/>
          <xsl:with-param name="hint" select="i:t('If you ask for another time, say which days and times suit you. Everyone who reads the relay log sees the answer.')"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$typed"><xsl:value-of select="$typed[@name = 'note']"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$me"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="error" select="string($e[@field = 'note'])"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Send the answer')"/></button>
      </form>
    </details>
  </xsl:template>

  <xsl:template name="meeting-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'meeting']"/>
    <xsl:variable name="typed" select="/page/typed[@action = 'meeting']"/>
    <details class="action" id="new-meeting">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Plan a meeting')"/></summary>
      <form method="post" action="/logs/{$l/@id}/meetings" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="interpreter-note"/>
        <div class="field-row">
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'meeting-date'"/>
            <xsl:with-param name="name" select="'date'"/>
            <xsl:with-param name="label" select="i:t('Date')"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="class" select="'short'"/>
            <xsl:with-param name="value" select="string($typed[@name = 'date'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'date'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'meeting-time'"/>
            <xsl:with-param name="name" select="'time'"/>
            <xsl:with-param name="label" select="i:t('Time')"/>
            <xsl:with-param name="type" select="'time'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="class" select="'short'"/>
            <xsl:with-param name="hint" select="i:t('HH:MM')"/>
            <xsl:with-param name="value" select="string($typed[@name = 'time'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'time'])"/>
          </xsl:call-template>
        </div>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'meeting-place'"/>
          <xsl:with-param name="name" select="'place'"/>
          <xsl:with-param name="label" select="i:t('Place')"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'200'"/>
          <xsl:with-param name="value" select="string($typed[@name = 'place'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'place'])"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'meeting-agenda'"/>
          <xsl:with-param name="name" select="'agenda'"/>
          <xsl:with-param name="label" select="i:t('Agenda')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'4000'"/>
          <xsl:with-param name="hint" select="i:t('What the meeting is about. The guardians can read it.')"/>
          <xsl:with-param name="value" select="string($typed[@name = 'agenda'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'agenda'])"/>
        </xsl:call-template>
        <xsl:variable name="ierr" select="string($e[@field = 'invite'])"/>
        <fieldset>
          <xsl:attribute name="class">field choices<xsl:if test="$ierr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:call-template name="described">
            <xsl:with-param name="id" select="'meeting-invite'"/>
            <xsl:with-param name="hint" select="'x'"/>
            <xsl:with-param name="error" select="$ierr"/>
          </xsl:call-template>
          <legend><xsl:value-of select="i:t('Invite')"/></legend>
          <div class="hint" id="meeting-invite-hint"><xsl:value-of select="i:t('They are told of the meeting, and can answer in the relay log.')"/></div>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'meeting-invite'"/>
            <xsl:with-param name="error" select="$ierr"/>
          </xsl:call-template>
          <xsl:for-each select="$l/participants/participant[@holder or @covered = 'true']">
            <xsl:variable name="iid">
              <xsl:choose>
                <xsl:when test="position() = 1">meeting-invite</xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('meeting-invite-', position())"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <div class="choice">
              <input type="checkbox" id="{$iid}" name="invite" value="{@id}">
                <xsl:if test="not($typed) or $typed[@name = 'invite'] = current()/@id">
                  <xsl:attribute name="checked">checked</xsl:attribute>
                </xsl:if>
              </input>
              <label for="{$iid}">
                <xsl:value-of select="@name"/>
                <xsl:text> – </xsl:text>
                <xsl:value-of select="@unit"/>
              </label>
            </div>
          </xsl:for-each>
        </fieldset>
        <xsl:variable name="ferr" select="string($e[@field = 'family'])"/>
        <xsl:choose>
          <xsl:when test="$l/@has-number">
            <div>
              <xsl:attribute name="class">field check<xsl:if test="$ferr != ''"> has-error</xsl:if></xsl:attribute>
              <xsl:call-template name="choices-error">
                <xsl:with-param name="id" select="'meeting-family'"/>
                <xsl:with-param name="error" select="$ferr"/>
              </xsl:call-template>
              <input type="checkbox" id="meeting-family" name="family" value="true">
                <xsl:if test="not($typed) or $typed[@name = 'family'] = 'true'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                <xsl:call-template name="described">
                  <xsl:with-param name="id" select="'meeting-family'"/>
                  <xsl:with-param name="hint" select="'x'"/>
                  <xsl:with-param name="error" select="$ferr"/>
                </xsl:call-template>
              </input>
              <label for="meeting-family"><xsl:value-of select="i:t('Invite the family through the relay log')"/></label>
              <div class="hint" id="meeting-family-hint"><xsl:value-of select="i:t('The guardians with parental responsibility, and the young person from 15, see the invitation when they log in, are told by e-mail if they have asked for it, and can answer. Invite others outside Stafett.')"/></div>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <p class="hint" id="meeting-family" tabindex="-1"><xsl:value-of select="i:t('Without the child’s national identity number Stafett does not know the guardians: invite the family outside Stafett.')"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$l/family/sibling">
          <div class="field check">
            <input type="checkbox" id="meeting-siblings" name="siblings" value="true" aria-describedby="meeting-siblings-hint">
              <xsl:if test="$typed[@name = 'siblings'] = 'true'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="meeting-siblings"><xsl:value-of select="i:t('A meeting for the family: plan it in the siblings’ relay logs too')"/></label>
            <div class="hint" id="meeting-siblings-hint"><xsl:value-of select="i:t('In each sibling’s log you hold, as a meeting of that log: its readers see it there. The family is invited once, through this log.')"/></div>
          </div>
        </xsl:if>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Plan the meeting')"/></button>
      </form>
    </details>
  </xsl:template>

  <!-- ============================================== participants -->
  <xsl:template match="participants">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="participants-title" id="participants">
      <h2 id="participants-title"><xsl:value-of select="i:t('Participants')"/></h2>
      <xsl:if test="participant[@covered = 'false']">
        <div class="callout warn-box">
          <p>
            <span aria-hidden="true">⚠ </span>
            <strong><xsl:value-of select="i:t('Some participants no longer have access.')"/></strong>
            <xsl:text> </xsl:text>
            <xsl:value-of select="i:t('No valid consent covers their service. They cannot read the log until a new consent covers it.')"/>
          </p>
        </div>
      </xsl:if>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table2">
      <table class="list">
        <caption class="visually-hidden" id="{generate-id()}-table2"><xsl:value-of select="i:t('The relay holder and the participants')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="i:t('Name')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Unit')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Takes part as')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Access')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="participant">
            <tr>
              <xsl:if test="@covered = 'false'"><xsl:attribute name="class">no-access</xsl:attribute></xsl:if>
              <th scope="row"><xsl:value-of select="@name"/></th>
              <td>
                <xsl:value-of select="@unit"/>
                <xsl:if test="@service">
                  <br/><span class="muted"><xsl:call-template name="service"><xsl:with-param name="code" select="@service"/></xsl:call-template></span>
                </xsl:if>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@holder"><strong><xsl:value-of select="i:t('Relay holder')"/></strong></xsl:when>
                  <xsl:otherwise>
                    <xsl:value-of select="i:t('Participant')"/>
                    <xsl:if test="@since">
                      <xsl:variable name="since"><xsl:call-template name="date"><xsl:with-param name="d" select="substring(@since, 1, 10)"/></xsl:call-template></xsl:variable>
                      <br/><span class="muted"><xsl:value-of select="i:t('since {0}', $since)"/></span>
                    </xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@covered = 'false'">
                    <strong class="tag bad"><span aria-hidden="true">⚠ </span><xsl:value-of select="i:t('No access')"/></strong>
                    <br/><span class="muted"><xsl:value-of select="i:t('not covered by a valid consent')"/></span>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('Has access')"/></xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      </div>
      <xsl:if test="$l/rights/@manage">
        <xsl:call-template name="participant-forms"/>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="participant-forms">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'participant']"/>
    <xsl:variable name="er" select="/page/error[@action = 'remove']"/>
    <!-- the services a valid consent covers, for the hint in the list -->
    <xsl:variable name="covered">
      <xsl:text> </xsl:text>
      <xsl:for-each select="$l/consents/consent[@valid = 'true']"><xsl:value-of select="@services"/><xsl:text> </xsl:text></xsl:for-each>
    </xsl:variable>
    <details class="action" id="add-participant">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Add a participant')"/></summary>
      <form method="post" action="/logs/{$l/@id}/participants" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:variable name="err" select="string($e[@field = 'user'])"/>
        <xsl:variable name="chosen" select="string(/page/typed[@action = 'participant'][@name = 'user'])"/>
        <div>
          <xsl:attribute name="class">field<xsl:if test="$err != ''"> has-error</xsl:if></xsl:attribute>
          <label for="participant-user">
            <xsl:value-of select="i:t('Person')"/>
            <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
          </label>
          <div class="hint" id="participant-user-hint"><xsl:value-of select="i:t('Someone from another service can take part only when a valid consent from the guardians covers that service.')"/></div>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'participant-user'"/>
            <xsl:with-param name="error" select="$err"/>
          </xsl:call-template>
          <select id="participant-user" name="user" aria-required="true">
            <xsl:call-template name="described">
              <xsl:with-param name="id" select="'participant-user'"/>
              <xsl:with-param name="hint" select="'x'"/>
              <xsl:with-param name="error" select="$err"/>
            </xsl:call-template>
            <option value=""><xsl:value-of select="i:t('Choose …')"/></option>
            <!-- one group per unit (Muenchian grouping: linear) -->
            <xsl:for-each select="$l/candidates/user[generate-id() = generate-id(key('candidate-unit', @unit)[1])]">
              <xsl:variable name="free" select="key('candidate-unit', @unit)[not(key('participant', @id))]"/>
              <xsl:if test="$free">
              <optgroup label="{@unit}">
                <xsl:for-each select="$free">
                  <option value="{@id}">
                    <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@name"/>
                    <xsl:if test="@unit != $l/@home-unit and not(contains($covered, concat(' ', @service, ' ')))">
                      <xsl:text> – </xsl:text><xsl:value-of select="i:t('no consent covers this service')"/>
                    </xsl:if>
                  </option>
                </xsl:for-each>
              </optgroup>
              </xsl:if>
            </xsl:for-each>
          </select>
        </div>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the participant')"/></button>
      </form>
    </details>
    <xsl:if test="$l/participants/participant[not(@holder)]">
      <details class="action" id="remove-participant">
        <xsl:if test="$er"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:value-of select="i:t('Remove a participant')"/></summary>
        <form method="post" action="/logs/{$l/@id}/participants/remove" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="member-select">
            <xsl:with-param name="id" select="'remove-user'"/>
            <xsl:with-param name="name" select="'user'"/>
            <xsl:with-param name="label" select="i:t('Person')"/>
            <xsl:with-param name="members" select="$l/participants/participant[not(@holder)]"/>
            <xsl:with-param name="chosen" select="string(/page/typed[@action = 'remove'][@name = 'user'])"/>
            <xsl:with-param name="error" select="string($er[@field = 'user'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'remove-reason'"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="i:t('Why?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="rows" select="'2'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'500'"/>
            <xsl:with-param name="hint" select="i:t('Written in the timeline. At most 500 characters.')"/>
            <xsl:with-param name="value" select="string(/page/typed[@action = 'remove'][@name = 'reason'])"/>
            <xsl:with-param name="error" select="string($er[@field = 'reason'])"/>
          </xsl:call-template>
          <button type="submit" class="secondary"><xsl:value-of select="i:t('Remove the participant')"/></button>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- ================================ coordination and responsible group -->
  <!-- The roles the law gives on the case (caserole.h), each with what
       it means for the family; the holder appoints and ends them. -->
  <xsl:template match="roles">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="roles-title" id="roles">
      <h2 id="roles-title"><xsl:value-of select="i:t('Coordination and the responsible group')"/></h2>
      <xsl:choose>
        <xsl:when test="not(role)">
          <p class="muted"><xsl:value-of select="i:t('No child coordinator, coordinator or responsible group is appointed. A child or family with long-term needs for several services has the right to a child coordinator.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <dl class="roles">
            <xsl:for-each select="role[@code = 'child_coordinator']">
              <dt><xsl:value-of select="i:t('Child coordinator')"/></dt>
              <dd>
                <strong><xsl:value-of select="@name"/></strong><xsl:text>, </xsl:text><xsl:value-of select="@unit"/>
                <p class="hint"><xsl:value-of select="i:t('Makes sure the services the child and the family receive are coordinated, follows the family up with information and guidance, and sees that an individual plan is made (the Health and Care Services Act § 7-2 a).')"/></p>
              </dd>
            </xsl:for-each>
            <xsl:for-each select="role[@code = 'coordinator']">
              <dt><xsl:value-of select="i:t('Coordinator of the individual plan')"/></dt>
              <dd>
                <strong><xsl:value-of select="@name"/></strong><xsl:text>, </xsl:text><xsl:value-of select="@unit"/>
                <p class="hint"><xsl:value-of select="i:t('Follows the child up, coordinates the services and keeps the work on the individual plan moving (the Health and Care Services Act § 7-2).')"/></p>
              </dd>
            </xsl:for-each>
            <xsl:if test="role[@code = 'group']">
              <dt><xsl:value-of select="i:t('The responsible group')"/></dt>
              <dd>
                <ul>
                  <xsl:for-each select="role[@code = 'group']">
                    <li><xsl:value-of select="@name"/><xsl:text>, </xsl:text><xsl:value-of select="@unit"/></li>
                  </xsl:for-each>
                </ul>
                <p class="hint"><xsl:value-of select="i:t('The services that work with the child meet the family regularly and agree who does what. The child and the guardians take part.')"/></p>
              </dd>
            </xsl:if>
          </dl>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@manage">
        <xsl:call-template name="role-forms"/>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="role-kind">
    <xsl:param name="id"/>
    <xsl:param name="chosen"/>
    <xsl:param name="error"/>
    <fieldset>
      <xsl:attribute name="class">field choices<xsl:if test="$error != ''"> has-error</xsl:if></xsl:attribute>
      <xsl:call-template name="described">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="error" select="$error"/>
      </xsl:call-template>
      <legend><xsl:value-of select="i:t('Role')"/><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></legend>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="error" select="$error"/>
      </xsl:call-template>
      <div class="choice">
        <input type="radio" id="{$id}" name="role" value="child_coordinator">
          <xsl:if test="$chosen = 'child_coordinator'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$id}"><xsl:value-of select="i:t('Child coordinator')"/></label>
      </div>
      <div class="choice">
        <input type="radio" id="{$id}-2" name="role" value="coordinator">
          <xsl:if test="$chosen = 'coordinator'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$id}-2"><xsl:value-of select="i:t('Coordinator of the individual plan')"/></label>
      </div>
      <div class="choice">
        <input type="radio" id="{$id}-3" name="role" value="group">
          <xsl:if test="$chosen = 'group'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="{$id}-3"><xsl:value-of select="i:t('Member of the responsible group')"/></label>
      </div>
    </fieldset>
  </xsl:template>

  <xsl:template name="role-forms">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'role']"/>
    <xsl:variable name="ee" select="/page/error[@action = 'role-end']"/>
    <details class="action" id="add-role">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Appoint a role')"/></summary>
      <form method="post" action="/logs/{$l/@id}/roles" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <p class="hint"><xsl:value-of select="i:t('Record the appointment the service office has made. A role is given to the relay holder or a participant.')"/></p>
        <xsl:call-template name="role-kind">
          <xsl:with-param name="id" select="'role-role'"/>
          <xsl:with-param name="chosen" select="string(/page/typed[@action = 'role'][@name = 'role'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'role'])"/>
        </xsl:call-template>
        <xsl:call-template name="member-select">
          <xsl:with-param name="id" select="'role-user'"/>
          <xsl:with-param name="name" select="'user'"/>
          <xsl:with-param name="label" select="i:t('Person')"/>
          <xsl:with-param name="chosen" select="string(/page/typed[@action = 'role'][@name = 'user'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'user'])"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Appoint')"/></button>
      </form>
    </details>
    <xsl:if test="role">
      <details class="action" id="end-role">
        <xsl:if test="$ee"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:value-of select="i:t('End a role')"/></summary>
        <form method="post" action="/logs/{$l/@id}/roles/end" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="role-kind">
            <xsl:with-param name="id" select="'role-end-role'"/>
            <xsl:with-param name="chosen" select="string(/page/typed[@action = 'role-end'][@name = 'role'])"/>
            <xsl:with-param name="error" select="string($ee[@field = 'role'])"/>
          </xsl:call-template>
          <xsl:call-template name="member-select">
            <xsl:with-param name="id" select="'role-end-user'"/>
            <xsl:with-param name="name" select="'user'"/>
            <xsl:with-param name="label" select="i:t('Person')"/>
            <xsl:with-param name="members" select="role[not(@id = preceding-sibling::role/@id)]"/>
            <xsl:with-param name="chosen" select="string(/page/typed[@action = 'role-end'][@name = 'user'])"/>
            <xsl:with-param name="error" select="string($ee[@field = 'user'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'role-end-reason'"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="i:t('Why?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="rows" select="'2'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'500'"/>
            <xsl:with-param name="hint" select="i:t('Written in the timeline. At most 500 characters.')"/>
            <xsl:with-param name="value" select="string(/page/typed[@action = 'role-end'][@name = 'reason'])"/>
            <xsl:with-param name="error" select="string($ee[@field = 'reason'])"/>
          </xsl:call-template>
          <button type="submit" class="secondary"><xsl:value-of select="i:t('End the role')"/></button>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- The siblings' relay logs the reader may read (family.h); the
       holder links a sibling's log by its reference, or takes the log
       out of its family. Shown only when there is something to show or
       do. -->
  <xsl:template name="family">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'family']"/>
    <xsl:if test="$l/family or ($l/rights/@manage and $l/@status = 'open')">
      <section aria-labelledby="family-title" id="family">
        <h2 id="family-title"><xsl:value-of select="i:t('Siblings')"/></h2>
        <xsl:choose>
          <xsl:when test="$l/family/sibling">
            <p><xsl:value-of select="i:t('The relay log belongs to a family with the siblings’ logs below. Each child’s consent decides who reads that child’s log.')"/></p>
            <ul class="links">
              <xsl:for-each select="$l/family/sibling">
                <li><a href="/logs/{@log}"><xsl:value-of select="@child"/></a><xsl:text> </xsl:text><span class="small-ref"><xsl:value-of select="@reference"/></span></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:when test="$l/family">
            <p><xsl:value-of select="i:t('The relay log belongs to a family; you may not read the siblings’ logs.')"/></p>
          </xsl:when>
          <xsl:otherwise>
            <p class="muted"><xsl:value-of select="i:t('No sibling’s relay log is linked. Siblings share risk and often meetings: linking their logs lets a team count the family once.')"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$l/rights/@manage and $l/@status = 'open'">
          <details class="action" id="family-link">
            <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
            <summary><xsl:value-of select="i:t('Link a sibling’s relay log')"/></summary>
            <form method="post" action="/logs/{$l/@id}/family" novalidate="novalidate">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <xsl:call-template name="field">
                <xsl:with-param name="id" select="'family-sibling'"/>
                <xsl:with-param name="name" select="'sibling'"/>
                <xsl:with-param name="label" select="i:t('The reference of the sibling’s relay log')"/>
                <xsl:with-param name="required" select="true()"/>
                <xsl:with-param name="maxlength" select="'20'"/>
                <xsl:with-param name="autocomplete" select="'off'"/>
                <xsl:with-param name="hint" select="i:t('As it stands on that log, for example ABCD-1234. You must be able to read it. Neither log’s timeline names the other child.')"/>
                <xsl:with-param name="value" select="string(/page/typed[@action = 'family'][@name = 'sibling'])"/>
                <xsl:with-param name="error" select="string($e[@field = 'sibling'])"/>
              </xsl:call-template>
              <button type="submit" class="primary"><xsl:value-of select="i:t('Link as siblings')"/></button>
            </form>
          </details>
          <xsl:if test="$l/family">
            <form method="post" action="/logs/{$l/@id}/family/leave" class="inline">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="secondary"><xsl:value-of select="i:t('Take this log out of the family')"/></button>
            </form>
          </xsl:if>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The teams with an intake the family is referred to (referral.h),
       where each referral stands; the holder refers the family to one
       its consent names. -->
  <xsl:template match="referrals">
    <xsl:variable name="l" select=".."/>
    <xsl:variable name="e" select="/page/error[@action = 'referral']"/>
    <section aria-labelledby="referrals-title" id="referrals">
      <h2 id="referrals-title"><xsl:value-of select="i:t('Teams the family is referred to')"/></h2>
      <xsl:choose>
        <xsl:when test="not(referral)">
          <p class="muted"><xsl:value-of select="i:t('The family is not referred to any team.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="links">
            <xsl:for-each select="referral">
              <li>
                <xsl:choose>
                  <xsl:when test="$l/@role = 'guardian' or $l/@role = 'youth'"><xsl:value-of select="@team"/></xsl:when>
                  <xsl:otherwise><a href="/referrals/{@id}"><xsl:value-of select="@team"/></a></xsl:otherwise>
                </xsl:choose>
                <xsl:text> </xsl:text>
                <xsl:call-template name="referral-state"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                <xsl:if test="@status = 'waiting'"><xsl:text> </xsl:text><xsl:value-of select="i:t('place {0}', @priority)"/></xsl:if>
                <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@referred"/></xsl:call-template></xsl:variable>
                <div class="hint"><xsl:value-of select="i:t('Referred {0}', $when)"/></div>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@manage and $l/intake-team">
        <details class="action" id="refer">
          <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:value-of select="i:t('Refer the family to a team')"/></summary>
          <form method="post" action="/logs/{$l/@id}/team-referrals" novalidate="novalidate">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <xsl:variable name="te" select="string($e[@field = 'team'])"/>
            <div>
              <xsl:attribute name="class">field<xsl:if test="$te != ''"> has-error</xsl:if></xsl:attribute>
              <label for="referral-team"><xsl:value-of select="i:t('Team')"/><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></label>
              <div class="hint" id="referral-team-hint"><xsl:value-of select="i:t('The guardians’ consent must name the team’s unit: the team sees the family’s name and the referral.')"/></div>
              <xsl:call-template name="choices-error">
                <xsl:with-param name="id" select="'referral-team'"/>
                <xsl:with-param name="error" select="$te"/>
              </xsl:call-template>
              <select id="referral-team" name="team">
                <xsl:attribute name="aria-describedby">referral-team-hint<xsl:if test="$te != ''"> referral-team-error</xsl:if></xsl:attribute>
                <xsl:if test="$te != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
                <xsl:for-each select="$l/intake-team">
                  <option value="{@id}">
                    <xsl:if test="/page/typed[@action = 'referral'][@name = 'team'] = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@name"/>
                    <xsl:text> (</xsl:text>
                    <xsl:value-of select="@unit"/>
                    <xsl:if test="@capacity"><xsl:text>; </xsl:text><xsl:value-of select="i:t('{0} of {1} families in', @in, @capacity)"/></xsl:if>
                    <xsl:if test="@covered != 'true'"><xsl:text>; </xsl:text><xsl:value-of select="i:t('the consent does not name it')"/></xsl:if>
                    <xsl:text>)</xsl:text>
                  </option>
                </xsl:for-each>
              </select>
            </div>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'referral-reason'"/>
              <xsl:with-param name="name" select="'reason'"/>
              <xsl:with-param name="label" select="i:t('Why is the family referred?')"/>
              <xsl:with-param name="type" select="'textarea'"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength" select="'4000'"/>
              <xsl:with-param name="hint" select="i:t('The risk factors and what has been tried. The family reads it in the log.')"/>
              <xsl:with-param name="value" select="string(/page/typed[@action = 'referral'][@name = 'reason'])"/>
              <xsl:with-param name="error" select="string($e[@field = 'reason'])"/>
            </xsl:call-template>
            <button type="submit" class="primary"><xsl:value-of select="i:t('Refer the family')"/></button>
          </form>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- =================================================== consents -->
  <xsl:template match="consents">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="consents-title" id="consents">
      <h2 id="consents-title"><xsl:value-of select="i:t('Consents')"/></h2>
      <p class="intro"><xsl:value-of select="i:t('A consent from the guardians decides which services may take part. It can be withdrawn at any time; then sharing with those services stops at once.')"/></p>
      <p><a href="/consent-info"><xsl:value-of select="i:t('What a consent is, for the family, in several languages')"/></a></p>
      <xsl:call-template name="interpreter-note"/>
      <xsl:choose>
        <xsl:when test="not(consent)">
          <p class="none"><xsl:value-of select="i:t('No consent is recorded. Only the home unit can work on the case.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="cards">
            <xsl:for-each select="consent">
              <li id="consent-{@id}">
                <xsl:attribute name="class">card<xsl:if test="@valid != 'true'"> inactive</xsl:if></xsl:attribute>
                <h3 class="card-title">
                  <xsl:call-template name="consent-covers"/>
                </h3>
                <p class="card-state">
                  <xsl:call-template name="consent-state"/>
                  <xsl:if test="@method = 'paper' and not(@scan)">
                    <xsl:text> </xsl:text>
                    <strong class="tag warn"><xsl:value-of select="i:t('Scan missing')"/></strong>
                  </xsl:if>
                </p>
                <dl class="facts">
                  <dt><xsl:value-of select="i:t('Valid')"/></dt>
                  <dd>
                    <xsl:variable name="from"><xsl:call-template name="date"><xsl:with-param name="d" select="@from"/></xsl:call-template></xsl:variable>
                    <xsl:variable name="to"><xsl:call-template name="date"><xsl:with-param name="d" select="@expires"/></xsl:call-template></xsl:variable>
                    <xsl:value-of select="i:t('{0} to {1}', $from, $to)"/>
                  </dd>
                  <dt><xsl:value-of select="i:t('Purpose')"/></dt>
                  <dd class="text"><xsl:value-of select="."/></dd>
                  <dt><xsl:value-of select="i:t('Given')"/></dt>
                  <dd>
                    <xsl:choose>
                      <xsl:when test="@method = 'paper'"><xsl:value-of select="i:t('on paper')"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="i:t('digitally')"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text>; </xsl:text>
                    <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></xsl:variable>
                    <xsl:value-of select="i:t('recorded by {0}, {1}', @by, $when)"/>
                  </dd>
                  <xsl:if test="@status = 'withdrawn'">
                    <dt><xsl:value-of select="i:t('Withdrawn')"/></dt>
                    <dd>
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@withdrawn"/></xsl:call-template>
                      <xsl:if test="@withdrawn-by"><xsl:text>, </xsl:text><xsl:value-of select="@withdrawn-by"/></xsl:if>
                    </dd>
                  </xsl:if>
                </dl>
                <p class="card-actions">
                  <a href="/consents/{@id}"><xsl:value-of select="i:t('Open the consent')"/></a>
                  <xsl:if test="@scan">
                    <xsl:text> · </xsl:text>
                    <a href="/consents/{@id}/scan"><xsl:value-of select="i:t('Download the scanned form')"/></a>
                  </xsl:if>
                  <xsl:if test="@method = 'paper' and not(@scan) and $l/rights/@manage">
                    <xsl:text> · </xsl:text>
                    <a href="/consents/{@id}#scan"><xsl:value-of select="i:t('Attach the scanned form')"/></a>
                  </xsl:if>
                  <xsl:if test="@status = 'active' and $l/rights/@withdraw">
                    <xsl:text> · </xsl:text>
                    <a class="danger" href="/consents/{@id}?withdraw=1"><xsl:value-of select="i:t('Withdraw the consent')"/></a>
                  </xsl:if>
                </p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/rights/@manage">
        <p><a class="button secondary small" href="/forms/consent?log={$l/@id}"><xsl:value-of select="i:t('Record a consent')"/></a></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- =================================================== notices -->
  <xsl:template match="notices">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="notices-title" id="notices">
      <h2 id="notices-title"><xsl:value-of select="i:t('Notices to partners')"/></h2>
      <xsl:choose>
        <xsl:when test="not(notice)">
          <p class="none"><xsl:value-of select="i:t('Nothing has been sent to partners.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="notices-table">
            <xsl:with-param name="confirm" select="boolean($l/rights/@manage)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$l/@status = 'open' and ($l/rights/@manage or $l/rights/@minutes)">
        <ul class="links">
          <xsl:if test="$l/rights/@manage">
            <li><a href="/forms/referral?log={$l/@id}"><xsl:value-of select="i:t('Write a referral to BUP or PPT')"/></a></li>
            <li><a href="/forms/nav-notice?log={$l/@id}"><xsl:value-of select="i:t('Write a notice to NAV')"/></a></li>
          </xsl:if>
          <xsl:if test="$l/rights/@minutes">
            <li><a href="/forms/cw-report?log={$l/@id}"><xsl:value-of select="i:t('Send a report of concern to child welfare (no consent needed)')"/></a></li>
          </xsl:if>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- =================================================== timeline -->
  <xsl:template match="events">
    <xsl:variable name="l" select=".."/>
    <section aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title"><xsl:value-of select="i:t('Timeline')"/></h2>
      <xsl:if test="$l/rights/@note">
        <xsl:call-template name="note-form"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="not(event)">
          <p class="none"><xsl:value-of select="i:t('Nothing has happened yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="part" select="number(@total) &gt; number(@count)"/>
          <p class="muted">
            <xsl:choose>
              <xsl:when test="$part"><xsl:value-of select="i:t('The newest {0} of {1} entries.', @count, @total)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('{0} entries, newest first.', @count)"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <ol class="timeline">
            <xsl:apply-templates select="event" mode="timeline"/>
          </ol>
          <xsl:if test="$part">
            <p class="more"><a href="/logs/{$l/@id}?timeline=all#timeline"><xsl:value-of select="i:t('Show the whole timeline ({0} entries)', @total)"/></a></p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="note-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'note']"/>
    <xsl:variable name="kind" select="string(/page/typed[@action = 'note'][@name = 'kind'])"/>
    <form method="post" action="/logs/{$l/@id}/notes" novalidate="novalidate" class="note-form" id="note">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="idem" value="{/page/idem}"/>
      <xsl:variable name="kerr" select="string($e[@field = 'kind'])"/>
      <fieldset>
        <xsl:attribute name="class">field choices inline-choices<xsl:if test="$kerr != ''"> has-error</xsl:if></xsl:attribute>
        <xsl:call-template name="described">
          <xsl:with-param name="id" select="'note-kind'"/>
          <xsl:with-param name="error" select="$kerr"/>
        </xsl:call-template>
        <legend><xsl:value-of select="i:t('Write in the log')"/></legend>
        <xsl:call-template name="choices-error">
          <xsl:with-param name="id" select="'note-kind'"/>
          <xsl:with-param name="error" select="$kerr"/>
        </xsl:call-template>
        <div class="choice">
          <input type="radio" id="note-kind" name="kind" value="note">
            <xsl:if test="$kind != 'bright_spot'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="note-kind"><xsl:value-of select="i:t('A note')"/></label>
        </div>
        <div class="choice">
          <input type="radio" id="note-kind-2" name="kind" value="bright_spot">
            <xsl:if test="$kind = 'bright_spot'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="note-kind-2"><span aria-hidden="true">☀ </span><xsl:value-of select="i:t('A bright spot: something that went well')"/></label>
        </div>
      </fieldset>
      <xsl:call-template name="field">
        <xsl:with-param name="id" select="'note-text'"/>
        <xsl:with-param name="name" select="'text'"/>
        <xsl:with-param name="label" select="i:t('Text')"/>
        <xsl:with-param name="type" select="'textarea'"/>
        <xsl:with-param name="rows" select="'3'"/>
        <xsl:with-param name="required" select="true()"/>
        <xsl:with-param name="maxlength" select="'4000'"/>
        <xsl:with-param name="hint" select="i:t('Everyone with access to the log reads it, the guardians too. At most 4000 characters.')"/>
        <xsl:with-param name="value" select="string(/page/typed[@action = 'note'][@name = 'text'])"/>
        <xsl:with-param name="error" select="string($e[@field = 'text'])"/>
      </xsl:call-template>
      <button type="submit" class="primary"><xsl:value-of select="i:t('Add to the log')"/></button>
    </form>
  </xsl:template>

  <!-- The child of a case begun before the birth is born: the holder
       gives the name and the number or the date of birth. -->
  <!-- Before the birth: the expectant parents, named by their numbers,
       read the log until it. -->
  <xsl:template name="expectant-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'expectant']"/>
    <form method="post" action="/logs/{$l/@id}/expectant" novalidate="novalidate" id="expectant">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="idem" value="{/page/idem}"/>
      <fieldset class="group">
        <legend><xsl:value-of select="i:t('The expectant parents')"/></legend>
        <p class="hint"><xsl:value-of select="i:t('Before the birth the population register names no guardians. Name the expectant parents who have consented to the cooperation: they can then read the relay log, until the birth is registered with the child’s number.')"/></p>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'expectant-nin'"/>
          <xsl:with-param name="name" select="'nin'"/>
          <xsl:with-param name="label" select="i:t('An expectant parent’s national identity number')"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'11'"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="hint" select="i:t('11 digits. It is kept only in a form nobody can read back, and never shown.')"/>
          <xsl:with-param name="error" select="string($e[@field = 'nin'])"/>
        </xsl:call-template>
        <button type="submit" class="secondary"><xsl:value-of select="i:t('Let them read the relay log')"/></button>
      </fieldset>
    </form>
  </xsl:template>

  <xsl:template name="birth-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'birth']"/>
    <form method="post" action="/logs/{$l/@id}/birth" novalidate="novalidate" id="birth">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="idem" value="{/page/idem}"/>
      <fieldset class="group">
        <legend><xsl:value-of select="i:t('The child is born')"/></legend>
        <p class="hint"><xsl:value-of select="i:t('When the child is born, give the name and the identity number (or the date of birth until it has one, and the number later). The relay log, its consents and its history go on as they are.')"/></p>
        <p class="hint"><strong><xsl:value-of select="i:t('With the number, the guardians the population register names can read the whole relay log, also what was written before the birth. Check first that nothing in it must be kept from one of them.')"/></strong></p>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'birth-child_name'"/>
          <xsl:with-param name="name" select="'child_name'"/>
          <xsl:with-param name="label" select="i:t('The child’s name')"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'200'"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="/page/typed[@action = 'birth'][@name = 'child_name']"><xsl:value-of select="/page/typed[@action = 'birth'][@name = 'child_name']"/></xsl:when>
              <xsl:when test="$l/@birth-date"><xsl:value-of select="$l/@child"/></xsl:when>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="error" select="string($e[@field = 'child_name'])"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'birth-child_nin'"/>
          <xsl:with-param name="name" select="'child_nin'"/>
          <xsl:with-param name="label" select="i:t('National identity number (11 digits)')"/>
          <xsl:with-param name="maxlength" select="'11'"/>
          <xsl:with-param name="class" select="'short'"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="hint" select="i:t('For your safety it is never shown again: type it again if the form comes back.')"/>
          <xsl:with-param name="error" select="string($e[@field = 'child_nin'])"/>
        </xsl:call-template>
        <xsl:if test="not($l/@birth-date)">
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'birth-child_birthdate'"/>
          <xsl:with-param name="name" select="'child_birthdate'"/>
          <xsl:with-param name="label" select="i:t('Or the date of birth')"/>
          <xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="class" select="'short'"/>
          <xsl:with-param name="value" select="string(/page/typed[@action = 'birth'][@name = 'child_birthdate'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'child_birthdate'])"/>
        </xsl:call-template>
        </xsl:if>
      </fieldset>
      <button type="submit" class="primary"><xsl:value-of select="i:t('Register the birth')"/></button>
    </form>
  </xsl:template>

  <!-- Where meetings and consents are planned: the family needs an
       interpreter (0036_family_language.sql). -->
  <xsl:template name="interpreter-note">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:if test="$l/@interpreter">
      <div class="callout">
        <p>
          <strong><xsl:value-of select="i:t('The family needs an interpreter ({0}).', $l/@family-language)"/></strong>
          <xsl:text> </xsl:text>
          <xsl:value-of select="i:t('Book a qualified interpreter for meetings and for explaining the consent, and never use the child as interpreter.')"/>
        </p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The holder records the family's language and whether it needs an
       interpreter. -->
  <xsl:template name="language-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'language']"/>
    <xsl:variable name="typed" select="/page/typed[@action = 'language']"/>
    <details class="action" id="family-language">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('The family’s language and interpreter')"/></summary>
      <form method="post" action="/logs/{$l/@id}/language" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'language-language'"/>
          <xsl:with-param name="name" select="'language'"/>
          <xsl:with-param name="label" select="i:t('The language the family speaks at home')"/>
          <xsl:with-param name="maxlength" select="'60'"/>
          <xsl:with-param name="hint" select="i:t('For example arabisk, polsk or somali. Leave it empty if nothing needs to be recorded.')"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$typed[@name = 'language']"><xsl:value-of select="$typed[@name = 'language']"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$l/@family-language"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="error" select="string($e[@field = 'language'])"/>
        </xsl:call-template>
        <xsl:variable name="ierr" select="string($e[@field = 'interpreter'])"/>
        <div>
          <xsl:attribute name="class">field check<xsl:if test="$ierr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'language-interpreter'"/>
            <xsl:with-param name="error" select="$ierr"/>
          </xsl:call-template>
          <input type="checkbox" id="language-interpreter" name="interpreter" value="true">
            <xsl:if test="($typed and $typed[@name = 'interpreter'] = 'true') or (not($typed) and $l/@interpreter)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            <xsl:call-template name="described">
              <xsl:with-param name="id" select="'language-interpreter'"/>
              <xsl:with-param name="error" select="$ierr"/>
            </xsl:call-template>
          </input>
          <label for="language-interpreter"><xsl:value-of select="i:t('The family needs an interpreter')"/></label>
        </div>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save')"/></button>
      </form>
    </details>
  </xsl:template>

  <!-- ============================================ managing the case -->
  <xsl:template name="manage">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="r" select="$l/rights"/>
    <xsl:if test="$r/@level or $r/@handover or $r/@manage or $r/@close-ask or $r/@access-log or $l/@status = 'closed'">
      <section aria-labelledby="manage-title" id="manage">
        <h2 id="manage-title"><xsl:call-template name="manage-title"/></h2>
        <xsl:if test="$r/@manage and $l/@expected-date and not($l/@has-number)">
          <xsl:call-template name="expectant-form"/>
          <xsl:call-template name="birth-form"/>
        </xsl:if>
        <xsl:if test="$r/@manage">
          <xsl:call-template name="language-form"/>
        </xsl:if>
        <xsl:if test="$r/@level">
          <xsl:call-template name="level-form"/>
        </xsl:if>
        <ul class="links">
          <xsl:if test="$r/@handover">
            <li>
              <xsl:choose>
                <xsl:when test="$l/handover">
                  <xsl:value-of select="i:t('A handover is already waiting for an answer.')"/>
                  <xsl:text> </xsl:text>
                  <a href="/handovers/{$l/handover/@id}"><xsl:value-of select="i:t('See the handover')"/></a>
                </xsl:when>
                <xsl:otherwise>
                  <a href="/forms/handover?log={$l/@id}"><xsl:value-of select="i:t('Hand over the relay log to a new holder')"/></a>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:if>
          <xsl:if test="$r/@manage">
            <li><a href="/forms/closing?log={$l/@id}"><xsl:value-of select="i:t('Close the relay log (write the closing note)')"/></a></li>
          </xsl:if>
          <xsl:if test="$r/@access-log">
            <li><a href="/logs/{$l/@id}/access"><xsl:value-of select="i:t('Who has read and changed the log (access log)')"/></a></li>
          </xsl:if>
          <xsl:if test="$l/@status = 'closed'">
            <li><a href="/logs/{$l/@id}/archive"><xsl:value-of select="i:t('Read the archive copy')"/></a></li>
          </xsl:if>
        </ul>
        <xsl:if test="$r/@close-ask">
          <xsl:call-template name="close-request-form"/>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="level-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'level']"/>
    <xsl:variable name="chosen" select="string(/page/typed[@action = 'level'][@name = 'level'])"/>
    <details class="action" id="change-level">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Change the level')"/></summary>
      <form method="post" action="/logs/{$l/@id}/level" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:variable name="lerr" select="string($e[@field = 'level'])"/>
        <fieldset>
          <xsl:attribute name="class">field choices<xsl:if test="$lerr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:call-template name="described">
            <xsl:with-param name="id" select="'level-level'"/>
            <xsl:with-param name="error" select="$lerr"/>
          </xsl:call-template>
          <legend>
            <xsl:value-of select="i:t('New level')"/>
            <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
          </legend>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'level-level'"/>
            <xsl:with-param name="error" select="$lerr"/>
          </xsl:call-template>
          <xsl:for-each select="$l/guide/level[@n &gt;= 1 and @n != $l/@level]">
            <xsl:variable name="iid">
              <xsl:choose>
                <xsl:when test="position() = 1">level-level</xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('level-level-', position())"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <div class="choice">
              <input type="radio" id="{$iid}" name="level" value="{@n}">
                <xsl:if test="@n = $chosen"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="{$iid}">
                <xsl:call-template name="level">
                  <xsl:with-param name="n" select="@n"/>
                  <xsl:with-param name="name" select="@name"/>
                  <xsl:with-param name="lang" select="@name-lang"/>
                </xsl:call-template>
              </label>
            </div>
          </xsl:for-each>
        </fieldset>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'level-reason'"/>
          <xsl:with-param name="name" select="'reason'"/>
          <xsl:with-param name="label" select="i:t('Why does the level change?')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'4000'"/>
          <xsl:with-param name="hint" select="i:t('Recorded in the timeline with your name.')"/>
          <xsl:with-param name="value" select="string(/page/typed[@action = 'level'][@name = 'reason'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'reason'])"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Change the level')"/></button>
      </form>
    </details>
  </xsl:template>

  <xsl:template name="close-request-form">
    <xsl:variable name="l" select="/page/log"/>
    <xsl:variable name="e" select="/page/error[@action = 'close-request']"/>
    <details class="action" id="ask-close">
      <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary><xsl:value-of select="i:t('Ask for the relay log to be closed')"/></summary>
      <p><xsl:value-of select="i:t('The relay holder is told at once and follows it up with you. The log is closed with a closing note.')"/></p>
      <form method="post" action="/logs/{$l/@id}/close-request" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'close-request-reason'"/>
          <xsl:with-param name="name" select="'reason'"/>
          <xsl:with-param name="label" select="i:t('Why? (you may leave this empty)')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="maxlength" select="'4000'"/>
          <xsl:with-param name="value" select="string(/page/typed[@action = 'close-request'][@name = 'reason'])"/>
          <xsl:with-param name="error" select="string($e[@field = 'reason'])"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Ask for the relay log to be closed')"/></button>
      </form>
    </details>
  </xsl:template>
</xsl:stylesheet>
