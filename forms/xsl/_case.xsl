<?xml version="1.0" encoding="UTF-8"?>
<!--
  _case.xsl: pieces every case page shares (the log page, its sub-pages,
  the concern page, the start page and the archive copy): readable names
  for the codes the view documents carry (services, roles, event kinds,
  states), the short head of a relay log, the timeline, and one labelled
  form field with its hint and error. Nothing here reads /page, so the
  archive (root <archive>) can use it too; the importing stylesheet
  supplies the "date" template.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <!-- ======================================================== names -->

  <!-- A kind of service (unit kind, consent service). -->
  <xsl:template name="service">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'kindergarten'"><xsl:value-of select="i:t('Kindergarten')"/></xsl:when>
      <xsl:when test="$code = 'school'"><xsl:value-of select="i:t('School')"/></xsl:when>
      <xsl:when test="$code = 'sfo'"><xsl:value-of select="i:t('After-school programme (SFO)')"/></xsl:when>
      <xsl:when test="$code = 'health_clinic'"><xsl:value-of select="i:t('Health clinic')"/></xsl:when>
      <xsl:when test="$code = 'ppt'"><xsl:value-of select="i:t('Educational and psychological counselling service (PPT)')"/></xsl:when>
      <xsl:when test="$code = 'child_welfare'"><xsl:value-of select="i:t('Child welfare service')"/></xsl:when>
      <xsl:when test="$code = 'nav'"><xsl:value-of select="i:t('NAV')"/></xsl:when>
      <xsl:when test="$code = 'family_service'"><xsl:value-of select="i:t('Family service')"/></xsl:when>
      <xsl:when test="$code = 'bup'"><xsl:value-of select="i:t('Child and adolescent psychiatry (BUP)')"/></xsl:when>
      <xsl:when test="$code = 'police'"><xsl:value-of select="i:t('Police')"/></xsl:when>
      <xsl:when test="$code = 'learning_centre'"><xsl:value-of select="i:t('Learning centre')"/></xsl:when>
      <xsl:when test="$code = 'municipal'"><xsl:value-of select="i:t('Municipal service')"/></xsl:when>
      <xsl:when test="$code = 'other'"><xsl:value-of select="i:t('Other service')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A space-separated list of services, as "A, B and C". -->
  <xsl:template name="services">
    <xsl:param name="list"/>
    <xsl:param name="first" select="true()"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:choose>
      <xsl:when test="$l = '' and $first"><span class="none"><xsl:value-of select="i:t('No services named')"/></span></xsl:when>
      <xsl:when test="$l = ''"/>
      <xsl:otherwise>
        <xsl:variable name="head">
          <xsl:choose>
            <xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="rest" select="substring-after($l, ' ')"/>
        <xsl:call-template name="service"><xsl:with-param name="code" select="$head"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$rest = ''"/>
          <xsl:when test="not(contains($rest, ' '))"><xsl:text> </xsl:text><xsl:value-of select="i:t('and')"/><xsl:text> </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="services">
          <xsl:with-param name="list" select="$rest"/>
          <xsl:with-param name="first" select="false()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a consent (the context) covers: the services it names, as
       the units they are (and the persons, when it names some), or, for
       one recorded before units were named, the kinds of service. -->
  <xsl:template name="consent-covers">
    <xsl:choose>
      <xsl:when test="unit">
        <xsl:for-each select="unit">
          <xsl:if test="position() &gt; 1">
            <xsl:choose>
              <xsl:when test="position() = last()"><xsl:text> </xsl:text><xsl:value-of select="i:t('and')"/><xsl:text> </xsl:text></xsl:when>
              <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
        <xsl:if test="person">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('only:')"/>
          <xsl:for-each select="person">
            <xsl:text> </xsl:text><xsl:value-of select="."/><xsl:if test="position() != last()">,</xsl:if>
          </xsl:for-each>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="services"><xsl:with-param name="list" select="@services"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The role someone acted in. -->
  <xsl:template name="role">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'holder'"><xsl:value-of select="i:t('relay holder')"/></xsl:when>
      <xsl:when test="$r = 'participant'"><xsl:value-of select="i:t('participant')"/></xsl:when>
      <xsl:when test="$r = 'leader'"><xsl:value-of select="i:t('leader')"/></xsl:when>
      <xsl:when test="$r = 'guardian'"><xsl:value-of select="i:t('guardian')"/></xsl:when>
      <xsl:when test="$r = 'youth'"><xsl:value-of select="i:t('the youth')"/></xsl:when>
      <xsl:when test="$r = 'employee'"><xsl:value-of select="i:t('employee')"/></xsl:when>
      <xsl:when test="$r = 'citizen'"><xsl:value-of select="i:t('citizen')"/></xsl:when>
      <xsl:when test="$r = 'admin'"><xsl:value-of select="i:t('administrator')"/></xsl:when>
      <xsl:when test="$r = 'proposed holder'"><xsl:value-of select="i:t('proposed relay holder')"/></xsl:when>
      <xsl:when test="$r = 'system'"><xsl:value-of select="i:t('the system')"/></xsl:when>
      <xsl:when test="$r = 'partner'"><xsl:value-of select="i:t('partner')"/></xsl:when>
      <xsl:when test="$r = 'team'"><xsl:value-of select="i:t('team member')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The state of a concern on a team's agenda, as a tag (words, not
       colour alone). -->
  <xsl:template name="agenda-state">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'waiting'"><strong class="tag info"><xsl:value-of select="i:t('On the agenda')"/></strong></xsl:when>
      <xsl:when test="$s = 'discussed'"><strong class="tag ok"><xsl:value-of select="i:t('Discussed')"/></strong></xsl:when>
      <xsl:when test="$s = 'withdrawn'"><strong class="tag neutral"><xsl:value-of select="i:t('Taken off the agenda')"/></strong></xsl:when>
      <xsl:when test="$s = 'decided'"><strong class="tag neutral"><xsl:value-of select="i:t('Decided before the meeting')"/></strong></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Where a family referred to a team stands, as a tag. -->
  <xsl:template name="referral-state">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'referred'"><strong class="tag info"><xsl:value-of select="i:t('Referred, not decided')"/></strong></xsl:when>
      <xsl:when test="$s = 'waiting'"><strong class="tag warn"><xsl:value-of select="i:t('On the waiting list')"/></strong></xsl:when>
      <xsl:when test="$s = 'in'"><strong class="tag ok"><xsl:value-of select="i:t('In the team')"/></strong></xsl:when>
      <xsl:when test="$s = 'declined'"><strong class="tag neutral"><xsl:value-of select="i:t('Declined')"/></strong></xsl:when>
      <xsl:when test="$s = 'ended'"><strong class="tag neutral"><xsl:value-of select="i:t('Ended')"/></strong></xsl:when>
      <xsl:when test="$s = 'withdrawn'"><strong class="tag neutral"><xsl:value-of select="i:t('Withdrawn')"/></strong></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- What an event in the timeline is. -->
  <xsl:template name="event-kind">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'concern'"><xsl:value-of select="i:t('Concern written down')"/></xsl:when>
      <xsl:when test="$k = 'level'"><xsl:value-of select="i:t('Level')"/></xsl:when>
      <xsl:when test="$k = 'holder'"><xsl:value-of select="i:t('New relay holder')"/></xsl:when>
      <xsl:when test="$k = 'handover'"><xsl:value-of select="i:t('Handover')"/></xsl:when>
      <xsl:when test="$k = 'consent'"><xsl:value-of select="i:t('Consent')"/></xsl:when>
      <xsl:when test="$k = 'participant'"><xsl:value-of select="i:t('Participants')"/></xsl:when>
      <xsl:when test="$k = 'measure'"><xsl:value-of select="i:t('Measure')"/></xsl:when>
      <xsl:when test="$k = 'evaluation'"><xsl:value-of select="i:t('Evaluation')"/></xsl:when>
      <xsl:when test="$k = 'meeting'"><xsl:value-of select="i:t('Meeting')"/></xsl:when>
      <xsl:when test="$k = 'minutes'"><xsl:value-of select="i:t('Minutes')"/></xsl:when>
      <xsl:when test="$k = 'decision'"><xsl:value-of select="i:t('Decision')"/></xsl:when>
      <xsl:when test="$k = 'note'"><xsl:value-of select="i:t('Note')"/></xsl:when>
      <xsl:when test="$k = 'birth'"><xsl:value-of select="i:t('Birth')"/></xsl:when>
      <xsl:when test="$k = 'expectant'"><xsl:value-of select="i:t('The expectant parents')"/></xsl:when>
      <xsl:when test="$k = 'language'"><xsl:value-of select="i:t('The family’s language')"/></xsl:when>
      <xsl:when test="$k = 'role'"><xsl:value-of select="i:t('Coordination and the responsible group')"/></xsl:when>
      <xsl:when test="$k = 'bright_spot'"><xsl:value-of select="i:t('Bright spot')"/></xsl:when>
      <xsl:when test="$k = 'cw_report'"><xsl:value-of select="i:t('Report of concern to child welfare')"/></xsl:when>
      <xsl:when test="$k = 'referral'"><xsl:value-of select="i:t('Referral')"/></xsl:when>
      <xsl:when test="$k = 'nav_notice'"><xsl:value-of select="i:t('Notice to NAV')"/></xsl:when>
      <xsl:when test="$k = 'anonymous'"><xsl:value-of select="i:t('Discussed anonymously')"/></xsl:when>
      <xsl:when test="$k = 'closed'"><xsl:value-of select="i:t('Relay log closed')"/></xsl:when>
      <xsl:when test="$k = 'close_request'"><xsl:value-of select="i:t('Asked to close')"/></xsl:when>
      <xsl:when test="$k = 'notice'"><xsl:value-of select="i:t('Notice to a partner')"/></xsl:when>
      <xsl:when test="$k = 'answer'"><xsl:value-of select="i:t('Answer from a partner')"/></xsl:when>
      <xsl:when test="$k = 'passed'"><xsl:value-of select="i:t('Passed to the people responsible')"/></xsl:when>
      <xsl:when test="$k = 'concern_taken'"><xsl:value-of select="i:t('Concern taken into the relay log')"/></xsl:when>
      <xsl:when test="$k = 'concern_answered'"><xsl:value-of select="i:t('Concern answered')"/></xsl:when>
      <xsl:when test="$k = 'team'"><xsl:value-of select="i:t('Team')"/></xsl:when>
      <xsl:when test="$k = 'family'"><xsl:value-of select="i:t('Siblings')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A notice to a partner: what it is. -->
  <xsl:template name="notice-kind">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'referral'"><xsl:value-of select="i:t('Referral')"/></xsl:when>
      <xsl:when test="$k = 'nav_notice'"><xsl:value-of select="i:t('Notice to NAV')"/></xsl:when>
      <xsl:when test="$k = 'cw_report'"><xsl:value-of select="i:t('Report of concern to child welfare')"/></xsl:when>
      <xsl:when test="$k = 'handover'"><xsl:value-of select="i:t('Handover notice')"/></xsl:when>
      <xsl:when test="$k = 'cancellation'"><xsl:value-of select="i:t('Cancellation')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a notice is (context: a notice); a cancellation says what it
       withdraws. -->
  <xsl:template name="notice-what">
    <xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
    <xsl:if test="@cancels">
      <span class="state-text">
        <xsl:variable name="of"><xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@cancels"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="i:t('Withdraws: {0}', $of)"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Whom a notice goes to (context: a notice): the partner once one is
       chosen, else the service. -->
  <xsl:template name="notice-to">
    <xsl:choose>
      <xsl:when test="@partner"><xsl:value-of select="@partner"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="service"><xsl:with-param name="code"><xsl:choose><xsl:when test="@kind = 'cw_report' and not(@service)">child_welfare</xsl:when><xsl:otherwise><xsl:value-of select="@service"/></xsl:otherwise></xsl:choose></xsl:with-param></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Why a notice waiting with nobody to take it is not sent, and what
       to do (context: a notice with @receiver, "none" or "paused"). -->
  <xsl:template name="no-receiver">
    <xsl:variable name="svc">
      <xsl:call-template name="service">
        <xsl:with-param name="code">
          <xsl:choose>
            <xsl:when test="@kind = 'cw_report'">child_welfare</xsl:when>
            <xsl:otherwise><xsl:value-of select="@service"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@receiver = 'paused' and @kind = 'cw_report'"><xsl:value-of select="i:t('Deliveries to child welfare are paused. Phone them.')"/></xsl:when>
      <xsl:when test="@receiver = 'paused' and @partner"><xsl:value-of select="i:t('Deliveries to {0} are paused. Contact them another way.', @partner)"/></xsl:when>
      <xsl:when test="@receiver = 'paused'"><xsl:value-of select="i:t('Deliveries to {0} are paused. Contact them another way.', $svc)"/></xsl:when>
      <xsl:when test="@kind = 'cw_report'"><xsl:value-of select="i:t('No receiver is registered for child welfare. Phone them.')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('No receiver is registered for {0}. Contact them another way.', $svc)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- On a case's page, at the top: the notices of notices that nobody
       can take, so the person who just sent one sees at once that it is
       not sent, and what to do. -->
  <xsl:template name="unsent-callout">
    <xsl:param name="notices"/>
    <xsl:if test="$notices/notice[@receiver] and /page/user/@role != 'citizen'">
      <div class="callout urgent" role="alert" id="unsent">
        <h2><xsl:value-of select="i:t('Not sent: no one can receive it')"/></h2>
        <ul>
          <xsl:for-each select="$notices/notice[@receiver]">
            <li>
              <strong><xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template></strong>
              <xsl:text> (</xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
              <xsl:text>): </xsl:text>
              <xsl:value-of select="i:t('not sent.')"/>
              <xsl:text> </xsl:text>
              <xsl:call-template name="no-receiver"/>
            </li>
          </xsl:for-each>
        </ul>
        <p><xsl:value-of select="i:t('The administrators have been alerted. It is sent as soon as a receiver is registered or resumed.')"/></p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The notices of a case in a table, newest first, each with its true
       state (context: notices); confirm: whether to link to recording
       the arrival of a delivered one. -->
  <xsl:template name="notices-table">
    <xsl:param name="confirm" select="false()"/>
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
    <table class="list">
      <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Notices to partners, newest first, with their delivery state')"/></caption>
      <thead>
        <tr>
          <th scope="col"><xsl:value-of select="i:t('What')"/></th>
          <th scope="col"><xsl:value-of select="i:t('To')"/></th>
          <th scope="col"><xsl:value-of select="i:t('Made')"/></th>
          <th scope="col"><xsl:value-of select="i:t('State')"/></th>
          <th scope="col"><xsl:value-of select="i:t('Answer')"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="notice">
          <tr id="notice-{@id}">
            <td><xsl:call-template name="notice-what"/></td>
            <td><xsl:call-template name="notice-to"/></td>
            <td><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></td>
            <td class="state"><xsl:call-template name="notice-state"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
            <td class="answer">
              <xsl:call-template name="notice-answer"/>
              <xsl:if test="$confirm and @status = 'delivered'">
                <a href="/notices/{@id}/confirm" class="notice-confirm"><xsl:value-of select="i:t('Has it arrived? Record it')"/></a>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
  </xsl:template>

  <!-- What the partner said (context: a notice): its reference and its
       latest answer, or that none came yet. -->
  <xsl:template name="notice-answer">
    <xsl:if test="@partner-ref">
      <span class="notice-ref"><xsl:value-of select="i:t('Their reference: {0}', @partner-ref)"/></span>
    </xsl:if>
    <xsl:for-each select="answer">
      <span class="notice-answer">
        <xsl:choose>
          <xsl:when test="@kind = 'accepted'"><strong class="tag ok"><xsl:value-of select="i:t('Accepted')"/></strong></xsl:when>
          <xsl:when test="@kind = 'rejected'"><strong class="tag bad"><xsl:value-of select="i:t('Rejected')"/></strong></xsl:when>
          <xsl:when test="@kind = 'more_info'"><strong class="tag warn"><xsl:value-of select="i:t('Needs more information')"/></strong></xsl:when>
          <xsl:otherwise><strong class="tag neutral"><xsl:value-of select="@kind"/></strong></xsl:otherwise>
        </xsl:choose>
        <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@at"/></xsl:call-template></xsl:variable>
        <span class="state-text"><xsl:value-of select="i:t('Answered {0}', $when)"/></span>
        <xsl:if test="normalize-space(.) != ''"><span class="answer-text"><xsl:value-of select="."/></span></xsl:if>
      </span>
    </xsl:for-each>
    <xsl:if test="not(@partner-ref) and not(answer)">
      <span class="state-text"><xsl:value-of select="i:t('No answer yet.')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- A notice's true delivery state: a tag and what it means. -->
  <xsl:template name="notice-state">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="@receiver and ($s = 'queued' or $s = 'failed')">
        <strong class="tag bad"><xsl:value-of select="i:t('Not sent')"/></strong>
        <span class="state-text"><xsl:call-template name="no-receiver"/></span>
      </xsl:when>
      <xsl:when test="$s = 'queued'">
        <strong class="tag neutral"><xsl:value-of select="i:t('Queued')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('Not sent yet; it goes out shortly.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'in_flight'">
        <strong class="tag neutral"><xsl:value-of select="i:t('Sending')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('Being sent now; whether the service has it is not known yet.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'delivered'">
        <strong class="tag info"><xsl:value-of select="i:t('Delivered')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('The service has it, but has not confirmed it yet.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'acknowledged'">
        <strong class="tag ok"><xsl:value-of select="i:t('Confirmed')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('The service has received it and confirmed it.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'failed'">
        <strong class="tag warn"><xsl:value-of select="i:t('Not delivered yet')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('The service has not confirmed that it has it; it is tried again automatically, and never taken twice.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'cancelled' and @tried = 'true'">
        <strong class="tag neutral"><xsl:value-of select="i:t('Stopped')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('Sending was stopped after it had been tried: it may have reached the service, and if so it is told that the notice is withdrawn. The timeline says why.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'cancelled'">
        <strong class="tag neutral"><xsl:value-of select="i:t('Cancelled')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('Not sent: it was cancelled. The timeline says why.')"/></span>
      </xsl:when>
      <xsl:when test="$s = 'dead'">
        <strong class="tag bad"><xsl:value-of select="i:t('Could not be delivered')"/></strong>
        <span class="state-text"><xsl:value-of select="i:t('Every attempt failed. Contact the service another way.')"/></span>
      </xsl:when>
      <xsl:otherwise><strong class="tag neutral"><xsl:value-of select="$s"/></strong></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A consent's state (context: a consent element). -->
  <xsl:template name="consent-state">
    <xsl:choose>
      <xsl:when test="@status = 'withdrawn'"><strong class="tag bad"><xsl:value-of select="i:t('Withdrawn')"/></strong></xsl:when>
      <xsl:when test="@valid = 'true'"><strong class="tag ok"><xsl:value-of select="i:t('Valid')"/></strong></xsl:when>
      <xsl:otherwise><strong class="tag warn"><xsl:value-of select="i:t('Not valid now (expired or not started)')"/></strong></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A measure's state and latest result (context: a measure). -->
  <xsl:template name="measure-state">
    <xsl:choose>
      <xsl:when test="@status = 'ended'"><strong class="tag neutral"><xsl:value-of select="i:t('Ended')"/></strong></xsl:when>
      <xsl:when test="@status = 'evaluated'"><strong class="tag info"><xsl:value-of select="i:t('Evaluated')"/></strong></xsl:when>
      <xsl:when test="@overdue"><strong class="tag overdue"><xsl:value-of select="i:t('Evaluation overdue')"/></strong></xsl:when>
      <xsl:otherwise><strong class="tag ok"><xsl:value-of select="i:t('Active')"/></strong></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@result">
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="@result = 'worked'"><xsl:value-of select="i:t('Last result: worked')"/></xsl:when>
        <xsl:when test="@result = 'partly'"><xsl:value-of select="i:t('Last result: worked partly')"/></xsl:when>
        <xsl:when test="@result = 'not'"><xsl:value-of select="i:t('Last result: did not work')"/></xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="handover-state">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'pending'"><strong class="tag warn"><xsl:value-of select="i:t('Waiting for an answer')"/></strong></xsl:when>
      <xsl:when test="$s = 'accepted'"><strong class="tag ok"><xsl:value-of select="i:t('Accepted')"/></strong></xsl:when>
      <xsl:when test="$s = 'refused'"><strong class="tag bad"><xsl:value-of select="i:t('Refused')"/></strong></xsl:when>
      <xsl:when test="$s = 'cancelled'"><strong class="tag neutral"><xsl:value-of select="i:t('Withdrawn or cancelled')"/></strong></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="log-status">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'open'"><xsl:value-of select="i:t('Open')"/></xsl:when>
      <xsl:when test="$s = 'closed'"><xsl:value-of select="i:t('Closed')"/></xsl:when>
      <xsl:when test="$s = 'passed'"><xsl:value-of select="i:t('Passed to the people responsible')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Level 2: Interdisciplinary cooperation" (the name when known). -->
  <xsl:template name="level">
    <xsl:param name="n"/>
    <xsl:param name="name"/>
    <!-- the name's language when it is not the page's (the action guide
         has no nynorsk: a nynorsk page shows its bokmål, name-lang) -->
    <xsl:param name="lang" select="''"/>
    <!-- the sentence with {1} left in, to put the marked name there -->
    <xsl:variable name="t" select="i:t('Level {0}: {1}', $n)"/>
    <xsl:choose>
      <xsl:when test="normalize-space($name) != '' and string($lang) != '' and contains($t, '{1}')">
        <xsl:value-of select="substring-before($t, '{1}')"/>
        <span lang="{$lang}"><xsl:value-of select="$name"/></span>
        <xsl:value-of select="substring-after($t, '{1}')"/>
      </xsl:when>
      <xsl:when test="normalize-space($name) != ''"><xsl:value-of select="i:t('Level {0}: {1}', $n, $name)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('Level {0}', $n)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date and time from the view (2024-03-31T09:00 or 2024-03-31 09:00). -->
  <xsl:template name="datetime">
    <xsl:param name="d"/>
    <xsl:call-template name="date"><xsl:with-param name="d" select="translate($d, 'T', ' ')"/></xsl:call-template>
  </xsl:template>

  <!-- ================================================= the log's head -->

  <!-- Who and where, for the pages under a log (context: a log). With
       link, the child's name leads back to the log. -->
  <xsl:template name="log-head">
    <xsl:param name="link" select="true()"/>
    <div class="case-head">
      <p class="case-child">
        <xsl:choose>
          <xsl:when test="$link"><a href="/logs/{@id}"><xsl:value-of select="i:t('Relay log for {0}', @child)"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Relay log for {0}', @child)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@age"><xsl:text> (</xsl:text><xsl:value-of select="i:t('{0} years', @age)"/><xsl:text>)</xsl:text></xsl:if>
      </p>
      <p class="case-meta">
        <span class="ref"><xsl:value-of select="@reference"/></span>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="i:t('Level {0}', @level)"/>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="i:t('Relay holder: {0}', @holder)"/>
        <xsl:if test="@status = 'closed'">
          <xsl:text> · </xsl:text>
          <strong class="tag neutral"><xsl:value-of select="i:t('Closed')"/></strong>
        </xsl:if>
      </p>
    </div>
  </xsl:template>

  <!-- ================================================= the timeline -->

  <!-- One event (context: an event). With links, records it names are
       linked (their pages check access again). -->
  <xsl:template match="event" mode="timeline">
    <xsl:param name="links" select="true()"/>
    <li id="event-{@id}">
      <xsl:attribute name="class">
        <xsl:text>event kind-</xsl:text><xsl:value-of select="@kind"/>
        <xsl:if test="@kind = 'bright_spot'"> bright</xsl:if>
      </xsl:attribute>
      <p class="event-meta">
        <xsl:if test="@kind = 'bright_spot'"><span class="sun" aria-hidden="true">☀ </span></xsl:if>
        <strong class="event-kind"><xsl:call-template name="event-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template></strong>
        <xsl:text> · </xsl:text>
        <time datetime="{translate(@at, ' ', 'T')}"><xsl:call-template name="date"><xsl:with-param name="d" select="@at"/></xsl:call-template></time>
        <xsl:text> · </xsl:text>
        <span class="event-by">
          <xsl:choose>
            <xsl:when test="@by">
              <xsl:variable name="role"><xsl:call-template name="role"><xsl:with-param name="r" select="@role"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('{0}, as {1}', @by, $role)"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('the system')"/></xsl:otherwise>
          </xsl:choose>
        </span>
      </p>
      <p class="event-text">
        <xsl:choose>
          <xsl:when test="text"><xsl:apply-templates select="text/node()" mode="event-text"/></xsl:when>
          <!-- an archive copy made before events had <text> -->
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$links and @ref">
        <xsl:choose>
          <xsl:when test="@ref-type = 'consent'"><p class="event-link"><a href="/consents/{@ref}"><xsl:value-of select="i:t('Open the consent')"/></a></p></xsl:when>
          <xsl:when test="@ref-type = 'minutes'"><p class="event-link"><a href="/minutes/{@ref}"><xsl:value-of select="i:t('Open the minutes')"/></a></p></xsl:when>
          <xsl:when test="@ref-type = 'handover'"><p class="event-link"><a href="/handovers/{@ref}"><xsl:value-of select="i:t('Open the handover')"/></a></p></xsl:when>
          <xsl:when test="@ref-type = 'measure'"><p class="event-link"><a href="#measure-{@ref}"><xsl:value-of select="i:t('See the measure')"/></a></p></xsl:when>
          <xsl:when test="@ref-type = 'meeting'"><p class="event-link"><a href="#meeting-{@ref}"><xsl:value-of select="i:t('See the meeting')"/></a></p></xsl:when>
        </xsl:choose>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- An event's sentence (fcgi/case/evmsg.h): already in the reader's
       language, but for what a person wrote in another one, which is
       marked with its language. -->
  <xsl:template match="quote" mode="event-text">
    <span lang="{@lang}"><xsl:value-of select="."/></span>
  </xsl:template>

  <!-- ==================================================== a field -->

  <!--
    One labelled field of a hand-made action form: the label is tied to
    the input, the hint and the error to it by aria-describedby; the
    error is marked aria-invalid. type: text, textarea, date, time or
    number.
  -->
  <xsl:template name="field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="error" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="maxlength" select="''"/>
    <xsl:param name="rows" select="'4'"/>
    <xsl:param name="class" select="''"/>
    <xsl:param name="autocomplete" select="''"/>
    <xsl:param name="inputmode" select="''"/>
    <!-- the language the value is written in, when it is fixed -->
    <xsl:param name="lang" select="''"/>
    <div>
      <xsl:attribute name="class">field<xsl:if test="$error != ''"> has-error</xsl:if></xsl:attribute>
      <label for="{$id}">
        <xsl:value-of select="$label"/>
        <xsl:if test="$required"><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></xsl:if>
      </label>
      <xsl:if test="$hint != ''"><div class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></div></xsl:if>
      <xsl:if test="$error != ''">
        <p class="field-error" id="{$id}-error">
          <span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span>
          <xsl:value-of select="$error"/>
        </p>
      </xsl:if>
      <xsl:variable name="described">
        <xsl:if test="$hint != ''"><xsl:value-of select="concat($id, '-hint ')"/></xsl:if>
        <xsl:if test="$error != ''"><xsl:value-of select="concat($id, '-error')"/></xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$type = 'textarea'">
          <textarea id="{$id}" name="{$name}" rows="{$rows}">
            <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="described" select="normalize-space($described)"/>
              <xsl:with-param name="error" select="$error"/>
              <xsl:with-param name="required" select="$required"/>
              <xsl:with-param name="maxlength" select="$maxlength"/>
              <xsl:with-param name="class" select="$class"/>
              <xsl:with-param name="autocomplete" select="$autocomplete"/>
              <xsl:with-param name="inputmode" select="$inputmode"/>
            </xsl:call-template>
            <xsl:value-of select="$value"/>
          </textarea>
        </xsl:when>
        <xsl:otherwise>
          <input id="{$id}" name="{$name}" type="{$type}" value="{$value}">
            <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="described" select="normalize-space($described)"/>
              <xsl:with-param name="error" select="$error"/>
              <xsl:with-param name="required" select="$required"/>
              <xsl:with-param name="maxlength" select="$maxlength"/>
              <xsl:with-param name="class" select="$class"/>
              <xsl:with-param name="autocomplete" select="$autocomplete"/>
              <xsl:with-param name="inputmode" select="$inputmode"/>
            </xsl:call-template>
          </input>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="field-attrs">
    <xsl:param name="described"/>
    <xsl:param name="error"/>
    <xsl:param name="required"/>
    <xsl:param name="maxlength"/>
    <xsl:param name="class"/>
    <xsl:param name="autocomplete"/>
    <xsl:param name="inputmode"/>
    <xsl:if test="$described != ''"><xsl:attribute name="aria-describedby"><xsl:value-of select="$described"/></xsl:attribute></xsl:if>
    <xsl:if test="$error != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
    <xsl:if test="$required"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
    <xsl:if test="$maxlength != ''"><xsl:attribute name="maxlength"><xsl:value-of select="$maxlength"/></xsl:attribute></xsl:if>
    <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
    <xsl:if test="$autocomplete != ''"><xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute></xsl:if>
    <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- The hint/error ids of a fieldset of choices, for aria-describedby
       on the fieldset, and the error paragraph itself. -->
  <xsl:template name="choices-error">
    <xsl:param name="id"/>
    <xsl:param name="error" select="''"/>
    <xsl:if test="$error != ''">
      <p class="field-error" id="{$id}-error">
        <span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span>
        <xsl:value-of select="$error"/>
      </p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
